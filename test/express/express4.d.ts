// `express4` is the devDependency alias of express@4 (package.json: "express4": "npm:express@^4"). It ships
// no types of its own; the Express 5 types describe everything the tests use of it.
declare module "express4" {
  import express from "express";
  export default express;
}
