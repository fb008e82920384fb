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

// koa-mount@4 ships no types; the tests mount a middleware under a prefix with it.
declare module "koa-mount" {
  import type { Middleware } from "koa";
  export default function mount(prefix: string, middleware: Middleware): Middleware;
}

// `express4` is the devDependency alias of express@4 (package.json: "express4": "npm:express@^4"). It ships
// no types of its own; the Express 5 types describe everything the tests use of it.
declare module "express4" {
  import express from "express";
  export default express;
}
