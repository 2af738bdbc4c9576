// nanostores reads `process.env.NODE_ENV` (a bundler would replace it); the dev server does not.
// A classic script in <head>, so it runs before any module script of the page.
window.process = window.process || { env: { NODE_ENV: 'development' } };
