import type { DiffBlock } from "~/features/documents/versions/content-diff";
import { DiffView } from "~/features/documents/versions/diff-view";

/** No change is ever marked on a shared version: these labels are never read. */
const NO_CHANGES = { added: "", removed: "", changed: "" };

/** What the customer reads: the document's title, which approved version it is, and its text. */
export function SharedDocumentPage(props: {
  locale: string;
  title: string;
  blocks: DiffBlock[];
  text: { version: string; language: string; footer: string };
  languages: Array<{ code: string; label: string; href: string; current: boolean }>;
}) {
  return (
    <main className="shared" lang={props.locale}>
      <header className="shared__header">
        <h1>{props.title}</h1>
        <p className="shared__version">{props.text.version}</p>
        <nav aria-label={props.text.language} className="shared__languages">
          {props.languages.map((language) => (
            <a
              key={language.code}
              href={language.href}
              lang={language.code}
              aria-current={language.current || undefined}
            >
              {language.label}
            </a>
          ))}
        </nav>
      </header>
      <article className="shared__content">
        <DiffView blocks={props.blocks} labels={NO_CHANGES} />
      </article>
      <footer className="shared__footer">{props.text.footer}</footer>
    </main>
  );
}
