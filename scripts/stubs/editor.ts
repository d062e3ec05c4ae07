// @inquirer/prompts imports @inquirer/editor, whose external-editor brings iconv-lite and chardet
// (about 530 kB of the 580 kB chunk that `start` and every confirmation load), but mlroadmap never
// opens an editor. The bundle swaps it for this.
export default function editor(): never {
  throw new Error('@inquirer/editor is not bundled with mlroadmap');
}
