// A command line for people to read and paste into a shell: plain words stay bare, anything a
// shell would interpret is quoted by shell-quote.
import { quote } from 'shell-quote';

export function formatCommandLine(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : quote([w]))).join(' ');
}
