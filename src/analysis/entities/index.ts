/** What other layers may use from entity extraction: `findEntities` (people, organisations,
 *  places, money, dates, e-mails, phone numbers, IBANs, links, identifiers, with raw offsets and
 *  normalised values), `findCountries` (the countries a whole document names, to pass to
 *  findEntities for each of its passages) and `findQuantities` (percentages and quantities, kept
 *  apart because the contract has no type for them). Pure functions; no I/O. */
export { findCountries, findEntities } from './find-entities.js'
export type { EntityMention, EntityType, FindEntitiesOptions } from './entity-mention.js'
export { findQuantities, type Quantity } from './quantities.js'
export { normalizeName } from './names.js'
export { normalizeUrl } from './patterns.js'
