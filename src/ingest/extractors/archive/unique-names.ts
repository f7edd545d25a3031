/** Keeps child item names unique within one container: two members or attachments with the
 *  same name would otherwise share one `CONTAINER!/INNER` path. */

/** Gives each child a name no earlier child has, as `name (2).ext` for the second one. */
export class UniqueNames {
  private readonly used = new Set<string>()

  /** The name itself if unused, else the first free `name (N).ext`. */
  claim(name: string): string {
    let candidate = name
    for (let counter = 2; this.used.has(candidate); counter += 1) {
      const dot = name.lastIndexOf('.')
      const slash = name.lastIndexOf('/')
      candidate =
        dot > slash + 1
          ? `${name.slice(0, dot)} (${counter})${name.slice(dot)}`
          : `${name} (${counter})`
    }
    this.used.add(candidate)
    return candidate
  }
}
