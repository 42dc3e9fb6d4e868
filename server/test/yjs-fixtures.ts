import * as Y from "yjs";

/**
 * A document edited the way TipTap edits one: a heading with an attribute, a
 * paragraph, unicode text, formatting, deletions (which leave a GC range).
 * A fixed client id makes its encoding byte-for-byte reproducible.
 */
export function richDoc(clientID?: number): Y.Doc {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  const fragment = doc.getXmlFragment("default");
  const heading = new Y.XmlElement("heading");
  heading.setAttribute("level", "2");
  heading.insert(0, [new Y.XmlText("Goals 目标 ✓")]);
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  fragment.insert(0, [heading, paragraph]);
  text.insert(0, "On-time delivery 97% 😀");
  text.format(0, 7, { bold: {} });
  text.delete(3, 4);
  fragment.delete(0, 1);
  return doc;
}
