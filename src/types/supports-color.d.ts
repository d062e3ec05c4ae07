// supports-color 7 (through cli-highlight's chalk 4) ships no types.
declare module 'supports-color' {
  const supportsColor: { stdout: false | { level: 1 | 2 | 3 } };
  export default supportsColor;
}
