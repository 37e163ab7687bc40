// config/index.ts defines API_BASE at build time; tests use a visible host so URLs can be asserted.
;(globalThis as unknown as { API_BASE: string }).API_BASE = 'https://api.test'
