import { Outlet } from "react-router";
import { ThemeToggle } from "@/components/theme-toggle";
import { env } from "@/config/env";

/** Sign-in, sign-up and password pages: one centred card. */
export function AuthLayout() {
  return (
    <div className="auth-layout">
      <header className="auth-header">
        <span className="brand">{env.appName}</span>
        <ThemeToggle />
      </header>
      <main className="auth-card" id="main">
        <Outlet />
      </main>
    </div>
  );
}
