import type { ProviderDefinition } from "./define-provider";

const STATUSES = new Set(["completed", "failed", "processing", "cancelled", "other"]);

/**
 * Refuses a definition that could not work, once, when it is declared: a `TypeError` naming the
 * provider and the field.
 *
 * @example
 * ```ts
 * checkDefinition({ id: "inhouse", name: "In-house", methods: [] }); // throws: methods is empty
 * ```
 */
export function checkDefinition(definition: ProviderDefinition<string, any>): void {
  const { id } = definition;
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(id)) {
    throw new TypeError(
      `defineProvider: id ${JSON.stringify(id)} must be lower-case letters, digits, "-" or "_"`,
    );
  }
  const where = `defineProvider(${id})`;
  if (definition.methods.length === 0) throw new TypeError(`${where}: methods is empty`);
  if (!definition.normalise && (definition.jobId === undefined || definition.status === undefined)) {
    throw new TypeError(`${where}: declare jobId and status, or give a normalise function`);
  }
  const status = definition.status;
  if (status) {
    for (const [sent, normalised] of Object.entries(status.table)) {
      if (!STATUSES.has(normalised)) {
        throw new TypeError(
          `${where}.status.table["${sent}"]: ${JSON.stringify(normalised)} is not one of ${[...STATUSES].join(", ")}`,
        );
      }
    }
    if (status.otherwise !== undefined && !STATUSES.has(status.otherwise)) {
      throw new TypeError(`${where}.status.otherwise: not one of ${[...STATUSES].join(", ")}`);
    }
  }
  if (definition.signature) {
    if (definition.verifySignature) {
      throw new TypeError(`${where}: give a signature scheme or a verifySignature function, not both`);
    }
    if (typeof definition.signature.compile !== "function") {
      throw new TypeError(
        `${where}.signature: declare the scheme with hmacSignature({ header, algorithm, … })`,
      );
    }
  }
}
