/**
 * `answer`, remembering what it said for each text. For work a run asks about the same texts
 * again and again: the stem of a word a page repeats, the key of an abstract that both a
 * source and its paper file hold. Up to `kept` texts are kept; past that, all are forgotten at
 * once, so a long run over a large catalog does not keep every text it ever saw.
 */
export function remembered<T>(answer: (text: string) => T, kept: number): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) return answers.get(text)!;
    if (answers.size >= kept) answers.clear();
    const result = answer(text);
    answers.set(text, result);
    return result;
  };
}
