import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { NavLink, Outlet, useNavigate } from "react-router";
import { ThemeToggle } from "@/components/theme-toggle";
import { env } from "@/config/env";
import { useCurrentUser } from "@/lib/auth/current-user";
import { signOut } from "@/lib/auth/sign-in";
import { featureRoutes } from "../feature-routes";

/** Signed-in pages: a header with navigation (a menu on phones) and the page. */
export function AppLayout() {
  const user = useCurrentUser().data;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);

  async function onSignOut() {
    setSigningOut(true);
    await signOut(queryClient);
    navigate("/login", { replace: true });
  }

  const links: { to: string; label: string; end?: boolean }[] = [
    { to: "/", label: "Dashboard", end: true },
    ...featureRoutes.map((route) => ({ to: route.path, label: route.label })),
    { to: "/settings", label: "Settings" },
    ...(user?.is_superuser ? [{ to: "/admin", label: "Admin" }] : []),
  ];

  return (
    <div className="app-layout">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">{env.appName}</span>
        <button
          type="button"
          className="button button-ghost menu-button"
          aria-expanded={menuOpen}
          aria-controls="header-panel"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        {/* On phones the navigation and the account controls fold behind "Menu". */}
        <div id="header-panel" className={menuOpen ? "header-panel open" : "header-panel"}>
          <nav aria-label="Main" className="main-nav">
            {links.map((link) => (
              <NavLink key={link.to} to={link.to} end={link.end} onClick={() => setMenuOpen(false)}>
                {link.label}
              </NavLink>
            ))}
          </nav>
          <div className="header-actions">
            <span className="user-email" title={user?.email}>
              {user?.email}
            </span>
            <ThemeToggle />
            <button
              type="button"
              className="button button-secondary"
              onClick={onSignOut}
              disabled={signingOut}
            >
              Log out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
