/** What other layers may use from the API layer. */
export { buildApp } from './app.js'
