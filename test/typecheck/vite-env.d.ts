// What `vite/client` declares for `import.meta.env`, so the Vite-style fixtures need no Vite install.
interface ImportMetaEnv {
  readonly [key: string]: string | undefined;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
