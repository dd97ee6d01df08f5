// The SPA and the one nginx in front of everything: a single Debian nginx
// process (never the system service) running the project's reverse proxy
// (nginx/, rendered by scripts/render-nginx.sh) and the SPA's own server
// (frontend/nginx.conf serving a copy of frontend/dist).
//
// E2E_SKIP_BUILD=1 serves the existing frontend/dist without `npm run build`.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { FRONTEND, REPO } from "./paths";
import { freePort, log, type ProcessGroup, startProcess, tail, waitForPort } from "./processes";
import { run } from "./run.mjs";

export interface ProxyPorts {
  apiPort: number;
  spaPort: number;
  httpPort: number;
  httpsPort: number;
}

const NGINX = fs.existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

/** Builds frontend/dist (unless E2E_SKIP_BUILD=1); throws when there is none. */
export function buildSpa(): void {
  if (process.env.E2E_SKIP_BUILD !== "1") {
    log("building the SPA (npm run build) ...");
    run("npm", ["run", "build"], { cwd: FRONTEND, maxBuffer: 64 * 1024 * 1024 });
  }
  if (!fs.existsSync(path.join(FRONTEND, "dist", "index.html"))) {
    throw new Error("frontend/dist/index.html is missing: run `npm run build` first");
  }
}

/**
 * One nginx: the reverse proxy rendered by scripts/render-nginx.sh into
 * ROOT/nginx, plus frontend/nginx.conf as conf.d/zz-spa.conf. That file is
 * used as it is, except for two lines, replaced (and checked) here:
 *   `listen 3000;`                  -> `listen 127.0.0.1:<free port>;`
 *   `root /usr/share/nginx/html;`   -> `root <a copy of frontend/dist>;`
 * (A copy, so a rebuild elsewhere during the run cannot swap the files.)
 * The proxy's stub_status server (nginx/conf.d/status.conf.template) gets a
 * free port of its own, so two runs never collide on its default 8080.
 * Resolves once all four ports are open.
 */
export async function startNginx(
  state: ProcessGroup & { root: string },
  ports: ProxyPorts,
): Promise<void> {
  const statusPort = await freePort();
  const dir = path.join(state.root, "nginx");
  const conf = path.join(dir, "conf");
  const html = path.join(dir, "html");
  fs.mkdirSync(path.join(dir, "temp"), { recursive: true });
  fs.cpSync(path.join(FRONTEND, "dist"), html, { recursive: true });
  renderProxy(dir, conf, { ...ports, statusPort });
  writeSpaServer(path.join(conf, "conf.d", "zz-spa.conf"), ports.spaPort, html);

  const args = ["-p", dir, "-e", "stderr", "-c", path.join(conf, "nginx.conf")];
  const pid = `pid ${path.join(dir, "nginx.pid")};`;
  checkConfig(state, [...args, "-t", "-g", pid]);
  const nginx = startProcess(state, "nginx", NGINX, [...args, "-g", `${pid} daemon off;`], {
    stopSignal: "SIGQUIT", // graceful
  });
  for (const port of [ports.httpPort, ports.httpsPort, statusPort, ports.spaPort]) {
    await waitForPort(port, nginx);
  }
}

function renderProxy(
  dir: string,
  conf: string,
  { apiPort, spaPort, httpPort, httpsPort, statusPort }: ProxyPorts & { statusPort: number },
): void {
  run(path.join(REPO, "scripts", "make-certs.sh"), [path.join(dir, "ssl")]);
  run(path.join(REPO, "scripts", "render-nginx.sh"), [conf], {
    env: {
      ...process.env,
      API_UPSTREAM: `127.0.0.1:${apiPort}`,
      FRONTEND_UPSTREAM: `127.0.0.1:${spaPort}`,
      SERVER_NAME: "localhost",
      LISTEN_ADDRESS: "127.0.0.1",
      HTTP_PORT: String(httpPort),
      HTTPS_PORT: String(httpsPort),
      STATUS_PORT: String(statusPort),
      SSL_CERT_DIR: path.join(dir, "ssl"),
      ACME_WEBROOT: path.join(dir, "acme"),
      NGINX_TEMP_DIR: path.join(dir, "temp"),
      // The strict zone allows 5 logins, sign-ups and reset requests a minute
      // per address in production; here every test's browser and API calls
      // come from 127.0.0.1, many times a minute, so it is opened wide.
      AUTH_RATE_LIMIT: "600r/m",
    },
  });
}

function writeSpaServer(target: string, spaPort: number, html: string): void {
  let spa = fs.readFileSync(path.join(FRONTEND, "nginx.conf"), "utf8");
  const replacements: [string, string][] = [
    ["listen 3000;", `listen 127.0.0.1:${spaPort};`],
    ["root /usr/share/nginx/html;", `root ${html};`],
  ];
  for (const [from, to] of replacements) {
    if (spa.split(from).length !== 2)
      throw new Error(`frontend/nginx.conf: expected one "${from}"`);
    spa = spa.replace(from, to);
  }
  fs.writeFileSync(target, spa);
}

/** `nginx -t`, its output in logs/nginx-t.log; throws when the configuration is wrong. */
function checkConfig(state: ProcessGroup, args: string[]): void {
  // stdout must be a file: nginx opens /dev/stdout (the access log), which
  // fails on the socket pair a pipe from Node is.
  const checkLog = path.join(state.logs, "nginx-t.log");
  const fd = fs.openSync(checkLog, "w");
  const check = spawnSync(NGINX, args, { stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${tail(checkLog)}`);
}
