import { NavLink, Outlet, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useT, type MessageKey } from "~/i18n/i18n";

const SECTIONS: { to: string; label: MessageKey }[] = [
  { to: "users", label: "admin.tab.users" },
  { to: "departments", label: "admin.tab.departments" },
  { to: "accounts", label: "admin.tab.accounts" },
  { to: "import", label: "admin.tab.import" },
  { to: "templates", label: "admin.tab.templates" },
  { to: "settings", label: "admin.tab.settings" },
  { to: "webhooks", label: "admin.tab.webhooks" },
  { to: "audit", label: "admin.tab.audit" },
];

/** The admin area: its sections as tabs that scroll sideways on a phone, and the section below. */
export function AdminLayout() {
  const t = useT();
  const tabs = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone the strip scrolls: keep the open section's tab in sight.
  useEffect(() => {
    tabs.current?.querySelector(".active")?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  return (
    <div className="admin">
      <div className="page-title">
        <h1>{t("admin.title")}</h1>
        <p className="muted">{t("admin.subtitle")}</p>
      </div>
      <nav className="admin__tabs" aria-label={t("admin.tabs")} ref={tabs}>
        {SECTIONS.map((section) => (
          <NavLink key={section.to} to={section.to} prefetch="intent">
            {t(section.label)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
