import { useNavigate } from "@remix-run/react";
import { useEffect } from "react";

/** Ctrl/⌘+K from anywhere in the workspace, the editor included: to the search box. */
export function useSearchShortcut(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey)
        return;
      event.preventDefault();
      const box = document.getElementById("search-q");
      if (box instanceof HTMLInputElement) {
        box.focus();
        box.select();
      } else navigate("/search");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);
}
