import { splitMentions } from "~/features/comments/mentions";

/** A comment's text with the mentions that reach someone highlighted; React escapes the rest. */
export function CommentBody({ body, known }: { body: string; known: ReadonlySet<string> }) {
  return (
    <p className="comment__body">
      {splitMentions(body, known).map((part, i) =>
        part.mention ? (
          <span key={i} className="mention">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
