// `koa2` is the devDependency alias of koa@2 (package.json: "koa2": "npm:koa@^2"). It ships no types of
// its own; the Koa types (@types/koa) describe everything the tests use of it.
declare module "koa2" {
  import Koa from "koa";
  export default Koa;
}

// koa-bodyparser@4 ships no types; the tests only call it to get a middleware.
declare module "koa-bodyparser" {
  import type { Middleware } from "koa";
  export default function bodyParser(options?: Record<string, unknown>): Middleware;
}
