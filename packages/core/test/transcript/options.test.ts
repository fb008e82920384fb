import { createReceiver, fetchJobStatus, fetchTranscript, renderCaptions } from "@scribehook/core";
import { describe, expect, it } from "vitest";

const KEY = "sk-live-abcdef0123456789";

describe("apiKey / apiBaseUrl in the provider config", () => {
  const make = (assemblyai: Record<string, unknown>) =>
    createReceiver({ providers: { assemblyai: { headers: { "x-webhook-token": "t" }, ...assemblyai } } });

  it.each([
    [{ apiKey: "" }, /providers\.assemblyai\.apiKey: must be a non-empty string/],
    [{ apiKey: 42 }, /providers\.assemblyai\.apiKey/],
    [
      { apiKey: KEY, apiBaseUrl: "ftp://api.example.com" },
      /providers\.assemblyai\.apiBaseUrl: must be an absolute http\(s\) URL/,
    ],
    [{ apiKey: KEY, apiBaseUrl: "api.assemblyai.com" }, /providers\.assemblyai\.apiBaseUrl/],
    [{ apiKey: KEY, apiBaseUrl: "https://api.assemblyai.com/?x=1" }, /providers\.assemblyai\.apiBaseUrl/],
  ])(
    "%j is refused at creation with a TypeError naming provider and option, never the key",
    (config, message) => {
      let err: unknown;
      try {
        make(config);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TypeError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain(KEY);
    },
  );

  it("a valid key and base URL are accepted", () => {
    expect(() => make({ apiKey: KEY, apiBaseUrl: "https://api.eu.assemblyai.com" })).not.toThrow();
  });
});

describe("fetchTranscript options", () => {
  it("an unknown provider, an empty jobId, a bad apiBaseUrl are TypeErrors", async () => {
    await expect(fetchTranscript({ provider: "nope", jobId: "1", apiKey: KEY })).rejects.toThrow(
      /unknown provider "nope"/,
    );
    await expect(fetchTranscript({ provider: "revai", jobId: "", apiKey: KEY })).rejects.toThrow(/jobId/);
    await expect(
      fetchTranscript({ provider: "revai", jobId: "1", apiKey: KEY, apiBaseUrl: "nope" }),
    ).rejects.toThrow(TypeError);
  });

  it("IBM and Azure have no shared host: without apiBaseUrl, a TypeError says to set it", async () => {
    await expect(fetchTranscript({ provider: "ibm", jobId: "1", apiKey: KEY })).rejects.toThrow(
      /set apiBaseUrl for ibm/,
    );
    await expect(fetchJobStatus({ provider: "azure", jobId: "1", apiKey: KEY })).rejects.toThrow(
      /set apiBaseUrl for azure/,
    );
  });
});

describe("renderCaptions", () => {
  const segments = [
    { text: "First line.", startSecond: 0, endSecond: 1.2344 },
    { text: "   ", startSecond: 1.3, endSecond: 1.4 },
    {
      text: "Arrow --> inside\r\n\r\nand a blank line",
      startSecond: 3725.5,
      endSecond: 3727.0006,
      speaker: "A",
    },
  ];

  it("SRT: numbered from 1, HH:MM:SS,mmm, blank segments skipped, no blank line inside a cue", () => {
    expect(renderCaptions(segments, "srt")).toBe(
      "1\n00:00:00,000 --> 00:00:01,234\nFirst line.\n\n2\n01:02:05,500 --> 01:02:07,001\nArrow --> inside\nand a blank line\n",
    );
  });

  it("WebVTT: header, HH:MM:SS.mmm, no '-->' in cue text", () => {
    expect(renderCaptions(segments, "vtt")).toBe(
      "WEBVTT\n\n00:00:00.000 --> 00:00:01.234\nFirst line.\n\n01:02:05.500 --> 01:02:07.001\nArrow -> inside\nand a blank line\n",
    );
  });

  it("no segments: an empty SRT, a bare WebVTT header", () => {
    expect(renderCaptions([], "srt")).toBe("");
    expect(renderCaptions([], "vtt")).toBe("WEBVTT\n\n");
  });
});
