// marked-terminal imports cli-table3 (with @colors/colors and string-width, about 30 KB of code to
// load) but draws a table only when the markdown has one, and the guide has none. The bundle gives
// marked-terminal this stand-in; renderMarkdown hands it the real cli-table3 first when the markdown
// it is about to render has a table.
type TableConstructor = new (options?: object) => object;

let loaded: TableConstructor | undefined;

export function setTable(table: TableConstructor): void {
  loaded = table;
}

/** Called with `new` by marked-terminal; returns the real table. */
export default function Table(options?: object): object {
  if (!loaded) throw new Error('cli-table3 was not loaded before rendering a table');
  return new loaded(options);
}
