// Importing `node:process` as an ES module makes Node 20 build a namespace of every property of
// `process`, which runs lazy getters such as `allowedNodeEnvironmentFlags`: about 5 ms at start-up.
// Bundled dependencies only use its default export, the global `process`, so the bundle points
// their `import process from 'node:process'` here.
export default process;
