import * as decoding from "lib0/decoding";

/**
 * Strict reader for Yjs V1 updates.
 *
 * Yjs' own decoder accepts some malformed payloads as an empty update, ignores
 * trailing bytes (yjs#687), and `applyUpdate` on a truncated update can throw
 * after it already changed the doc. So every incoming update is walked here
 * first, byte for byte, before it may touch the log or the live document; and
 * an update whose dependencies the document does not have is refused, because
 * Yjs would park it as pending structs forever.
 */

export type StateVector = Map<number, number>;

export class InvalidUpdateError extends Error {
  constructor(reason: string) {
    super(`invalid update: ${reason}`);
    this.name = "InvalidUpdateError";
  }
}

export class MissingDependencyError extends Error {
  constructor(reason: string) {
    super(`update depends on content the document does not have: ${reason}`);
    this.name = "MissingDependencyError";
  }
}

export interface ScannedUpdate {
  /** Clock after the update, per client it writes. */
  ends: StateVector;
  /** Number of structs (items and GC ranges). */
  structs: number;
}

interface Id {
  client: number;
  clock: number;
}

// Yjs type refs: Array, Map, Text, XmlElement, XmlFragment, XmlHook, XmlText.
const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;
const MAX_TYPE_REF = 6;
const BITS5 = 31;
const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;

/**
 * Reads `update` completely and checks it against `known` (what the document
 * already has). Throws InvalidUpdateError or MissingDependencyError.
 */
export function scanUpdate(
  update: Uint8Array,
  known: StateVector,
  allowedRootNames: ReadonlySet<string>,
): ScannedUpdate {
  const decoder = decoding.createDecoder(update);
  const ends: StateVector = new Map();
  const refs: Id[] = [];
  let structs = 0;
  try {
    const groups = decoding.readVarUint(decoder);
    for (let g = 0; g < groups; g++) {
      const count = decoding.readVarUint(decoder);
      const client = decoding.readVarUint(decoder);
      let clock = decoding.readVarUint(decoder);
      if (ends.has(client)) throw new InvalidUpdateError(`client ${client} appears twice`);
      if (clock > (known.get(client) ?? 0)) {
        throw new MissingDependencyError(`gap before ${client}:${clock}`);
      }
      for (let s = 0; s < count; s++) {
        const firstRef = refs.length;
        const length = readStruct(decoder, refs, allowedRootNames);
        // An item can only point at what existed before it: never at itself or
        // a later item of its own client (Yjs throws halfway on those).
        for (let r = firstRef; r < refs.length; r++) {
          if (refs[r].client === client && refs[r].clock >= clock) {
            throw new InvalidUpdateError(`forward reference ${client}:${refs[r].clock} from ${client}:${clock}`);
          }
        }
        clock += length;
        structs++;
      }
      ends.set(client, clock);
    }
    const deletes = readDeleteSet(decoder);
    if (decoder.pos !== update.length) {
      throw new InvalidUpdateError(`${update.length - decoder.pos} trailing bytes`);
    }
    const reach = (client: number) => Math.max(known.get(client) ?? 0, ends.get(client) ?? 0);
    for (const ref of refs) {
      if (ref.clock >= reach(ref.client)) {
        throw new MissingDependencyError(`reference to ${ref.client}:${ref.clock}`);
      }
    }
    for (const d of deletes) {
      if (d.clock + d.len > reach(d.client)) {
        throw new MissingDependencyError(`delete of ${d.client}:${d.clock}+${d.len}`);
      }
    }
  } catch (error) {
    if (error instanceof InvalidUpdateError || error instanceof MissingDependencyError) throw error;
    // lib0 throws plain errors on truncation ("Unexpected end of array") and
    // JSON.parse on bad content: both mean the bytes are not an update.
    throw new InvalidUpdateError(error instanceof Error ? error.message : String(error));
  }
  return { ends, structs };
}

/** Returns the struct's length in clock units. */
function readStruct(decoder: decoding.Decoder, refs: Id[], roots: ReadonlySet<string>): number {
  const info = decoding.readUint8(decoder);
  const contentRef = info & BITS5;
  if (contentRef === 0) return positiveLength(decoding.readVarUint(decoder)); // GC range
  if (contentRef === 10) throw new InvalidUpdateError("skip structs are not accepted");
  const hasOrigin = (info & BIT8) === BIT8;
  const hasRightOrigin = (info & BIT7) === BIT7;
  if (hasOrigin) refs.push(readId(decoder));
  if (hasRightOrigin) refs.push(readId(decoder));
  if (!hasOrigin && !hasRightOrigin) {
    const parentIsRoot = decoding.readVarUint(decoder) === 1;
    if (parentIsRoot) {
      const name = decoding.readVarString(decoder);
      if (!roots.has(name)) throw new InvalidUpdateError(`unknown root type "${name}"`);
    } else {
      refs.push(readId(decoder));
    }
    if ((info & BIT6) === BIT6) decoding.readVarString(decoder); // parentSub
  }
  return readContent(decoder, contentRef);
}

function readContent(decoder: decoding.Decoder, contentRef: number): number {
  switch (contentRef) {
    case 1: // deleted
      return positiveLength(decoding.readVarUint(decoder));
    case 2: {
      // JSON (legacy): each entry is a JSON string
      const len = positiveLength(decoding.readVarUint(decoder));
      for (let i = 0; i < len; i++) {
        const s = decoding.readVarString(decoder);
        if (s !== "undefined") JSON.parse(s);
      }
      return len;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return 1;
    case 4: // string; its clock length is its UTF-16 length, as in Yjs
      return positiveLength(decoding.readVarString(decoder).length);
    case 5: // embed
      JSON.parse(decoding.readVarString(decoder));
      return 1;
    case 6: // format: key + JSON value
      decoding.readVarString(decoder);
      JSON.parse(decoding.readVarString(decoder));
      return 1;
    case 7: {
      // a nested shared type
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef > MAX_TYPE_REF) throw new InvalidUpdateError(`unknown type ref ${typeRef}`);
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) decoding.readVarString(decoder);
      return 1;
    }
    case 8: {
      // any
      const len = positiveLength(decoding.readVarUint(decoder));
      for (let i = 0; i < len; i++) decoding.readAny(decoder);
      return len;
    }
    case 9:
      throw new InvalidUpdateError("subdocuments are not accepted");
    default:
      throw new InvalidUpdateError(`unknown content type ${contentRef}`);
  }
}

function readDeleteSet(decoder: decoding.Decoder): Array<Id & { len: number }> {
  const out: Array<Id & { len: number }> = [];
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const client = decoding.readVarUint(decoder);
    const ranges = decoding.readVarUint(decoder);
    for (let r = 0; r < ranges; r++) {
      const clock = decoding.readVarUint(decoder);
      const len = positiveLength(decoding.readVarUint(decoder));
      out.push({ client, clock, len });
    }
  }
  return out;
}

function readId(decoder: decoding.Decoder): Id {
  const client = decoding.readVarUint(decoder);
  const clock = decoding.readVarUint(decoder);
  return { client, clock };
}

function positiveLength(len: number): number {
  if (len < 1) throw new InvalidUpdateError("zero-length struct");
  return len;
}

/** Merges the clocks an accepted update reaches into the known state vector. */
export function advance(known: StateVector, ends: StateVector): void {
  for (const [client, end] of ends) {
    if (end > (known.get(client) ?? 0)) known.set(client, end);
  }
}

/** Decodes a state vector strictly: no trailing bytes. */
export function readStateVector(bytes: Uint8Array): StateVector {
  const decoder = decoding.createDecoder(bytes);
  const sv: StateVector = new Map();
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) sv.set(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
  } catch (error) {
    throw new InvalidUpdateError(error instanceof Error ? error.message : String(error));
  }
  if (decoder.pos !== bytes.length) throw new InvalidUpdateError("trailing bytes in state vector");
  return sv;
}
