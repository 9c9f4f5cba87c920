/**
 * Text from the files reaches the terminal escaped: control characters (an ANSI escape sequence in
 * a header, the bytes of a workbook renamed .csv) and bidirectional overrides could otherwise
 * recolour, move or hide what the terminal shows. Line breaks and tabs of our own messages stay.
 */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === "\r") return "\\r";
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
