import { describeStoreContract } from '../store.contract.js'
import { openSqliteStore } from './sqlite-store.js'

describeStoreContract('sqlite', (dir) => openSqliteStore(dir))
