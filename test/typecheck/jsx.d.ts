// Just enough JSX typing for the .tsx fixtures, so they need no React install.
declare namespace JSX {
  interface Element {}
  interface IntrinsicElements {
    [name: string]: { [attribute: string]: unknown };
  }
}
