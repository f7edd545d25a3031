// Loaded with `node --import` into every Daleel process of the network test (NODE_OPTIONS is
// inherited by extraction workers): records each outbound connection attempt and DNS lookup
// to $DALEEL_NET_LOG, one JSON line each, and refuses anything that is not loopback.
import { appendFileSync } from 'node:fs'
import dgram from 'node:dgram'
import dns from 'node:dns'
import net from 'node:net'

const log = process.env.DALEEL_NET_LOG
const write = (record) =>
  log && appendFileSync(log, `${JSON.stringify({ pid: process.pid, ...record })}\n`)
const loopback = (host) => !host || host === 'localhost' || /^(127\.|::1$|::ffff:127\.)/u.test(host)
write({ event: 'guard-loaded' })

const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options =
    typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: args[1] }
  if (!options.path) {
    write({ event: 'connect', host: options.host ?? 'localhost', port: options.port })
    if (!loopback(options.host))
      throw new Error(`network guard: outbound connection to ${options.host}`)
  }
  return connect.apply(this, args)
}
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name]
  dns[name] = function guardedLookup(host, ...rest) {
    write({ event: `dns-${name}`, host })
    return original.call(this, host, ...rest)
  }
}
const createSocket = dgram.createSocket
dgram.createSocket = function guardedUdp(...args) {
  write({ event: 'udp-socket' })
  return createSocket.apply(this, args)
}
