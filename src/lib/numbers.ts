/**
 * A number as a person types one into an option or an environment variable: decimal digits
 * ("30", and with `fraction` "0.5" or ".5"), else NaN, which each caller refuses in its own
 * words. Number() alone would take "0x10" as 16, "1e1" as 10 and " 5 " as 5.
 */
export function typedNumber(text: string, { fraction = false } = {}): number {
  return (fraction ? /^\d*\.?\d+$/ : /^\d+$/).test(text) ? Number(text) : Number.NaN;
}
