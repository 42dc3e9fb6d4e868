import { Form, Link, NavLink } from "@remix-run/react";
import { useT } from "~/i18n/i18n";
import { Avatar } from "./avatar";
import { LanguageSwitch } from "~/features/auth/language-switch";
import { NotificationBell } from "~/features/notifications/notification-bell";
import { CommandPalette } from "~/features/search/command-palette";
import { openShortcutHelp, ShortcutHelp } from "./shortcut-help";

interface HeaderUser {
  name: string;
  email: string;
  workspaceRole: string;
  department: { color: string } | null;
}

export function AppHeader({ user }: { user: HeaderUser }) {
  const t = useT();
  return (
    <header className="app-header">
      <a href="#main" className="skip-link">
        {t("nav.skipToContent")}
      </a>
      <Link to="/accounts" className="app-header__brand">
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <span className="app-header__brand-name">{t("app.name")}</span>
      </Link>
      <nav className="app-header__nav">
        <NavLink to="/accounts" end>
          {t("nav.portfolio")}
        </NavLink>
        <NavLink to="/actions">{t("nav.myActions")}</NavLink>
        <NavLink to="/approvals">{t("nav.approvals")}</NavLink>
        <NavLink to="/search" title={t("search.headerHint")}>
          {t("search.title")}
        </NavLink>
        {user.workspaceRole === "admin" ? <NavLink to="/admin">{t("nav.admin")}</NavLink> : null}
      </nav>
      <CommandPalette />
      <ShortcutHelp />
      <div className="app-header__end">
        <button
          type="button"
          className="button button--ghost app-header__shortcuts"
          aria-label={t("shortcuts.open")}
          title={`${t("shortcuts.open")} (?)`}
          onClick={openShortcutHelp}
        >
          <span aria-hidden="true">?</span>
        </button>
        <NotificationBell />
        <LanguageSwitch />
        <Link to="/settings/tokens" className="app-header__user" title={`${user.email} · ${t("nav.settings")}`}>
          <Avatar name={user.name} color={user.department?.color} />
          <span className="app-header__user-name">{user.name}</span>
        </Link>
        <Form
          method="post"
          action="/logout"
          onSubmit={(event) => {
            // Documents kept on this device for offline editing go with the session.
            event.preventDefault();
            const form = event.currentTarget;
            void import("~/features/documents/collab/provider.client")
              .then(({ forgetLocalDocuments }) => forgetLocalDocuments())
              .finally(() => form.submit());
          }}
        >
          <button type="submit" className="button button--ghost">
            {t("nav.signOut")}
          </button>
        </Form>
      </div>
    </header>
  );
}
