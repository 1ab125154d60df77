// tsc knows .astro files only through Astro's editor plugin; to these tests an .astro import is a component to render.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}
