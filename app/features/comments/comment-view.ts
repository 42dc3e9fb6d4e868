/** A comment thread as the document page shows it. */
export interface CommentThreadView {
  id: string;
  status: "open" | "resolved";
  quote: string;
  /** base64 Yjs relative positions of the anchored text. */
  anchorStart: string;
  anchorEnd: string;
  createdAt: string;
  resolvedBy: string | null;
  comments: {
    id: string;
    body: string;
    createdAt: string;
    edited: boolean;
    mine: boolean;
    author: { name: string; color: string };
  }[];
}
