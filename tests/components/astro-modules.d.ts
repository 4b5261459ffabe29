// tsc does not read .astro files (astro check does, with their real props): to tsc, a component
// imported by a test is a component factory.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}
