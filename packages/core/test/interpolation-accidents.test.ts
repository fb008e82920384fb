/**
 * `Bearer ${process.env.TOKEN}` with TOKEN unset configures the value "Bearer undefined", which any
 * attacker can send. Creation must refuse such values, naming provider and option, never the value.
 */
import { describe, expect, it } from "vitest";
import { createReceiver, type ReceiverOptions } from "../src/index";

const ACCIDENTS = ["undefined", "null", "NaN", "[object Object]"];
const SCHEMES = ["", "Bearer ", "Basic ", "Token ", "bearer  "];
const WHITESPACE = [" ", "   ", "\t", "\n "];

function creationError(options: ReceiverOptions): TypeError {
  try {
    createReceiver(options);
  } catch (err) {
    return err as TypeError;
  }
  throw new Error("createReceiver accepted the configuration");
}

/** Every accident, alone and after an auth scheme, as a `${…}` interpolation would make it. */
const accidents = SCHEMES.flatMap((scheme) => ACCIDENTS.map((v) => `${scheme}${v}`));

describe("interpolation accidents are refused at creation", () => {
  it.each(accidents)("headers value %j: TypeError naming provider and header", (value) => {
    const err = creationError({ providers: { scriptix: { headers: { Authorization: value } } } });
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toContain("providers.scriptix.headers");
    expect(err.message.toLowerCase()).toContain("authorization");
    expect(err.message).not.toContain(value);
  });

  it.each(accidents)("secret %j: TypeError naming provider and option", (value) => {
    const err = creationError({ providers: { instanttranscriber: { secret: value } } });
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toContain("providers.instanttranscriber.secret");
    expect(err.message).not.toContain(value);
  });

  it.each(accidents)("one secret of a rotation list %j is refused too", (value) => {
    const err = creationError({ providers: { azure: { secret: ["a-real-secret-0123", value] } } });
    expect(err.message).toContain("providers.azure.secret");
  });

  it.each(accidents)("urlTokenSecret %j: TypeError naming the option", (value) => {
    const err = creationError({ providers: { gladia: { urlToken: true } }, urlTokenSecret: value });
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toContain("urlTokenSecret");
    expect(err.message).not.toContain(value);
  });

  it.each(ACCIDENTS)("a whsec_ key of an interpolated %j is refused", (value) => {
    const err = creationError({ providers: { standardwebhooks: { secret: `whsec_${value}` } } });
    expect(err.message).toContain("providers.standardwebhooks.secret");
  });

  it.each(WHITESPACE)("whitespace-only values %j are refused everywhere", (value) => {
    expect(
      creationError({ providers: { scriptix: { headers: { authorization: value } } } }).message,
    ).toContain("providers.scriptix.headers");
    expect(creationError({ providers: { azure: { secret: value } } }).message).toContain(
      "providers.azure.secret",
    );
    expect(
      creationError({ providers: { gladia: { urlToken: true } }, urlTokenSecret: value }).message,
    ).toContain("urlTokenSecret");
  });

  it.each(["Bearer ", "Basic", "Token  "])(
    "an auth scheme with nothing after it (%j) is refused",
    (value) => {
      expect(
        creationError({ providers: { scriptix: { headers: { authorization: value } } } }).message,
      ).toContain("providers.scriptix.headers");
    },
  );

  it.each(["undefined", "null", ""])(
    "Basic credentials whose password interpolated %j are refused (the accident is inside the base64)",
    (password) => {
      const value = `Basic ${Buffer.from(`hook:${password}`).toString("base64")}`;
      const err = creationError({ providers: { deepgram: { headers: { authorization: value } } } });
      expect(err.message).toContain("providers.deepgram.headers");
      expect(err.message).not.toContain(value);
    },
  );

  it("an empty whsec_ key is refused", () => {
    const err = creationError({ providers: { standardwebhooks: { secret: "whsec_" } } });
    expect(err.message).toContain("providers.standardwebhooks.secret");
  });

  it("real values that merely contain these words are accepted", () => {
    expect(() =>
      createReceiver({
        providers: {
          scriptix: { headers: { authorization: "Bearer null-island-token-7f" } },
          deepgram: {
            headers: { authorization: `Basic ${Buffer.from("hook:pa55-word").toString("base64")}` },
          },
          azure: { secret: "undefined-behaviour-secret" },
          standardwebhooks: { secret: `whsec_${Buffer.from("k".repeat(24)).toString("base64")}` },
          gladia: { urlToken: true },
        },
        urlTokenSecret: "NaN-and-more-0123456789",
      }),
    ).not.toThrow();
  });
});
