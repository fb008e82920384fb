import { resultClients } from "@scribehook/core";
import { describe, expect, it } from "vitest";

// The inline mappings (callback body → Transcript) on the other documented payload shapes than the
// fake APIs' completed samples: words-only, no words, several results, attachments, missing fields.
// Each fixture says whether its shape is from the provider's public docs or assumed.

const inline = (provider: string, payload: unknown) => resultClients[provider]!.inline!(payload);

describe("Deepgram inline shapes", () => {
  // Docs: https://developers.deepgram.com/reference/speech-to-text-api/listen (response schema).
  it("words without utterances: segments are runs of one speaker; punctuated_word wins over word", () => {
    const t = inline("deepgram", {
      metadata: { duration: 3.5 },
      results: {
        channels: [
          {
            alternatives: [
              {
                transcript: "hi there yes",
                words: [
                  { word: "hi", punctuated_word: "Hi", start: 0.1, end: 0.3, confidence: 0.9, speaker: 0 },
                  { word: "there", start: 0.4, end: 0.8, confidence: 0.8, speaker: 0 },
                  { word: "yes", punctuated_word: "Yes.", start: 1, end: 1.2, confidence: 0.7, speaker: 1 },
                ],
              },
            ],
          },
        ],
      },
    })!;
    expect(t.words!.map((w) => w.text)).toEqual(["Hi", "there", "Yes."]);
    expect(t.segments).toEqual([
      { text: "Hi there", startSecond: 0.1, endSecond: 0.8, speaker: "0" },
      { text: "Yes.", startSecond: 1, endSecond: 1.2, speaker: "1" },
    ]);
    expect(t.durationInSeconds).toBe(3.5);
    expect(t.language).toBeUndefined();
  });

  it("no words (transcript only): one segment over metadata.duration; languages[0] as language", () => {
    // Assumed: `alternatives[].languages` is documented for multilingual models; a transcript without
    // words happens when the request filtered them out.
    const t = inline("deepgram", {
      metadata: { duration: 2 },
      results: { channels: [{ alternatives: [{ transcript: "Hello.", languages: ["de"] }] }] },
    })!;
    expect(t.segments).toEqual([{ text: "Hello.", startSecond: 0, endSecond: 2 }]);
    expect(t.words).toEqual([]);
    expect(t.language).toBe("de");
  });

  it("an empty transcript and no metadata: a valid empty result", () => {
    const t = inline("deepgram", { results: { channels: [{ alternatives: [{ transcript: "" }] }] } })!;
    expect(t).toMatchObject({ text: "", segments: [], words: [] });
    expect(t.durationInSeconds).toBeUndefined();
  });

  it("multichannel: the first channel is read (documented: one entry per channel)", () => {
    const t = inline("deepgram", {
      results: {
        channels: [
          { detected_language: "en", alternatives: [{ transcript: "left" }] },
          { alternatives: [{ transcript: "right" }] },
        ],
      },
    })!;
    expect(t.text).toBe("left");
    expect(t.language).toBe("en");
  });

  it("no alternatives (not a result): undefined, so the API path is taken", () => {
    expect(inline("deepgram", { results: { channels: [{}] } })).toBeUndefined();
    expect(inline("deepgram", null)).toBeUndefined();
  });
});

describe("malformed entries in an otherwise valid result: empty fields, never a crash", () => {
  it("Deepgram: a word or utterance missing its fields reads as empty text at 0 s", () => {
    const t = inline("deepgram", {
      results: {
        channels: [{ alternatives: [{ transcript: "x", words: [{}] }] }],
        utterances: [{ speaker: 0 }],
      },
    })!;
    expect(t.words).toEqual([{ text: "", startSecond: 0, endSecond: 0 }]);
    expect(t.segments).toEqual([{ text: "", startSecond: 0, endSecond: 0, speaker: "0" }]);
  });

  it("Gladia: an utterance and a word missing their fields; speaker null → no speaker", () => {
    const t = inline("gladia", {
      payload: { transcription: { utterances: [{ speaker: null, words: [{}] }] } },
    })!;
    expect(t.segments).toEqual([{ text: "", startSecond: 0, endSecond: 0 }]);
    expect(t.words).toEqual([{ text: "", startSecond: 0, endSecond: 0 }]);
  });

  it("IBM: a timestamp entry that is not a [word, start, end] triple; a label without `from`", () => {
    const t = inline("ibm", {
      results: [
        {
          speaker_labels: [{ speaker: 3 }],
          results: [{ alternatives: [{ timestamps: [null] }] }],
        },
      ],
    })!;
    expect(t.words).toEqual([{ text: "", startSecond: 0, endSecond: 0 }]);
    expect(t.segments).toEqual([{ text: "", startSecond: 0, endSecond: 0 }]);
  });
});

describe("Azure base URL from the callback's `self`", () => {
  // Docs: the web hook body is the transcription entity; its `self` is
  // `https://<region>.api.cognitive.microsoft.com/speechtotext/transcriptions/<id>?api-version=…`.
  const from = resultClients.azure!.baseUrlFrom!;
  it("the origin (and any path prefix) before /speechtotext/", () => {
    expect(
      from({
        self: "https://westeurope.api.cognitive.microsoft.com/speechtotext/transcriptions/t1?api-version=2024-11-15",
      }),
    ).toBe("https://westeurope.api.cognitive.microsoft.com");
    expect(from({ self: "https://proxy.example/speech/speechtotext/v3.2/transcriptions/t1" })).toBe(
      "https://proxy.example/speech",
    );
  });
  it("no `self`, not a URL, or not a Speech URL: undefined", () => {
    expect(from({})).toBeUndefined();
    expect(from({ self: "not a url" })).toBeUndefined();
    expect(from({ self: "https://example.com/other/t1" })).toBeUndefined();
  });
});

describe("Gladia inline shapes", () => {
  // Docs: https://docs.gladia.io/api-reference/v2/pre-recorded/callback/success
  it("a success callback: utterances with numeric speakers, language from the utterance", () => {
    const t = inline("gladia", {
      id: "job",
      event: "transcription.success",
      payload: {
        metadata: { audio_duration: 5 },
        transcription: {
          utterances: [
            {
              text: " Bonjour. ",
              start: 0.5,
              end: 1,
              speaker: 0,
              language: "fr",
              words: [{ word: " Bonjour.", start: 0.5, end: 1, confidence: 0.95 }],
            },
            { text: "Salut.", start: 2, end: 2.5, speaker: 1, words: [] },
          ],
        },
      },
    })!;
    expect(t.segments).toEqual([
      { text: "Bonjour.", startSecond: 0.5, endSecond: 1, speaker: "0" },
      { text: "Salut.", startSecond: 2, endSecond: 2.5, speaker: "1" },
    ]);
    expect(t.words).toEqual([
      { text: "Bonjour.", startSecond: 0.5, endSecond: 1, confidence: 0.95, speaker: "0" },
    ]);
    // No full_transcript: joined from the utterances.
    expect(t.text).toBe("Bonjour. Salut.");
    expect(t.language).toBe("fr");
    expect(t.durationInSeconds).toBe(5);
  });

  it("an empty transcription: a valid empty result, no language or duration", () => {
    const t = inline("gladia", { payload: { transcription: {} } })!;
    expect(t).toMatchObject({ text: "", segments: [], words: [] });
    expect(t.language).toBeUndefined();
    expect(t.durationInSeconds).toBeUndefined();
  });

  it("a callback without the result (no transcription): undefined, so the API path is taken", () => {
    expect(inline("gladia", { id: "job", event: "transcription.success" })).toBeUndefined();
  });

  it("inline subtitles: the requested format only", () => {
    // Docs: `transcription.subtitles[]` with `format` and `subtitles` when `subtitles: true` was asked.
    const payload = {
      payload: {
        transcription: {
          subtitles: [{ format: "srt", subtitles: "1\n00:00:00,000 --> 00:00:01,000\nHi\n" }],
        },
      },
    };
    const captions = resultClients.gladia!.inlineCaptions!;
    expect(captions(payload, "srt")).toContain("Hi");
    expect(captions(payload, "vtt")).toBeUndefined();
    expect(captions({}, "srt")).toBeUndefined();
  });
});

describe("Speechmatics inline shapes", () => {
  // Docs: https://docs.speechmatics.com/speech-to-text/batch/notifications (contents / data_file)
  // and the json-v2 format (results with type word / punctuation, attaches_to).
  const jsonV2 = {
    job: { duration: 6 },
    metadata: { language_pack_info: { language_code: "es" } },
    results: [
      {
        type: "word",
        start_time: 0.1,
        end_time: 0.4,
        alternatives: [{ content: "Hola", confidence: 0.9, speaker: "S1" }],
      },
      { type: "punctuation", start_time: 0.4, end_time: 0.45, alternatives: [{ content: "," }] },
      // Assumed: a punctuation that attaches to the next word (opening quote) is not glued backwards.
      {
        type: "punctuation",
        attaches_to: "next",
        start_time: 0.5,
        end_time: 0.5,
        alternatives: [{ content: "¿" }],
      },
      { type: "word", start_time: 0.5, end_time: 0.9, alternatives: [{ content: "qué", speaker: "S2" }] },
      // Assumed: an entity-like result of another type whose content is punctuation is attached too.
      { type: "entity", start_time: 0.9, end_time: 1.0, alternatives: [{ content: "?" }] },
      { type: "speaker_change", start_time: 1, end_time: 1 },
    ],
  };

  it("json-v2 in `json` (contents): punctuation attached, speakers as runs, language from the pack", () => {
    const t = inline("speechmatics", { json: jsonV2 })!;
    expect(t.words).toEqual([
      { text: "Hola,", startSecond: 0.1, endSecond: 0.45, confidence: 0.9, speaker: "S1" },
      { text: "qué?", startSecond: 0.5, endSecond: 1, speaker: "S2" },
    ]);
    expect(t.segments.map((s) => s.speaker)).toEqual(["S1", "S2"]);
    expect(t.text).toBe("Hola, qué?");
    expect(t.language).toBe("es");
    expect(t.durationInSeconds).toBe(6);
  });

  it("json-v2 as a multipart data_file attachment; an .srt attachment serves SRT captions", () => {
    const srt = "1\n00:00:00,100 --> 00:00:00,900\nHola, ¿qué?\n";
    const payload = {
      attachments: [
        { name: "data_file", filename: "dsb4lbi8e0.srt", text: srt },
        { name: "data_file", filename: "dsb4lbi8e0.json", json: jsonV2 },
      ],
    };
    expect(inline("speechmatics", payload)!.words!.map((w) => w.text)).toEqual(["Hola,", "qué?"]);
    const captions = resultClients.speechmatics!.inlineCaptions!;
    expect(captions(payload, "srt")).toBe(srt);
    expect(captions(payload, "vtt")).toBeUndefined();
  });

  it("leading punctuation with no word before it is dropped; no metadata: no language", () => {
    const t = inline("speechmatics", {
      json: {
        results: [
          { type: "punctuation", alternatives: [{ content: "." }] },
          { type: "word", alternatives: [{ content: "ok" }] },
        ],
      },
    })!;
    expect(t.words).toEqual([{ text: "ok", startSecond: 0, endSecond: 0 }]);
    expect(t.language).toBeUndefined();
    expect(t.durationInSeconds).toBeUndefined();
  });

  it("a notification without a transcript: undefined, so the API path is taken", () => {
    expect(
      inline("speechmatics", { attachments: [{ name: "data_file", text: "not json" }] }),
    ).toBeUndefined();
  });
});

describe("IBM inline shapes", () => {
  // Docs: https://cloud.ibm.com/apidocs/speech-to-text#checkjob — `results[]` is a list of
  // SpeechRecognitionResults, each with `results[].alternatives[]` (timestamps as [word, start, end],
  // word_confidence as [word, confidence]) and `speaker_labels[]` when speaker labels were asked.
  it("several results with alternatives and speaker labels; interim (final: false) results skipped", () => {
    const t = inline("ibm", {
      id: "job",
      event: "recognitions.completed_with_results",
      results: [
        {
          results: [
            {
              final: true,
              alternatives: [
                {
                  transcript: "hello there ",
                  timestamps: [
                    ["hello", 0.1, 0.5],
                    ["there", 0.5, 0.9],
                  ],
                  word_confidence: [
                    ["hello", 0.9],
                    ["there", 0.8],
                  ],
                },
                { transcript: "hollow there " },
              ],
            },
            { final: false, alternatives: [{ transcript: "interim" }] },
            { final: true, alternatives: [{ transcript: "yes ", timestamps: [["yes", 1.5, 1.8]] }] },
          ],
          speaker_labels: [
            { from: 0.1, to: 0.5, speaker: 0, final: true },
            { from: 0.5, to: 0.9, speaker: 0, final: true },
            { from: 1.5, to: 1.8, speaker: 1, final: true },
          ],
        },
        // A second recognition (assumed: one per audio part) with no timestamps.
        { results: [{ final: true, alternatives: [{ transcript: "bye " }] }, { alternatives: [] }] },
      ],
    })!;
    expect(t.segments).toEqual([
      { text: "hello there", startSecond: 0.1, endSecond: 0.9, speaker: "0" },
      { text: "yes", startSecond: 1.5, endSecond: 1.8, speaker: "1" },
      { text: "bye", startSecond: 0, endSecond: 0 },
    ]);
    expect(t.words).toEqual([
      { text: "hello", startSecond: 0.1, endSecond: 0.5, confidence: 0.9, speaker: "0" },
      { text: "there", startSecond: 0.5, endSecond: 0.9, confidence: 0.8, speaker: "0" },
      { text: "yes", startSecond: 1.5, endSecond: 1.8, speaker: "1" },
    ]);
    expect(t.text).toBe("hello there yes bye");
    expect(t.language).toBeUndefined();
  });

  it("a callback without results (recognitions.completed, started, failed): undefined", () => {
    expect(inline("ibm", { id: "job", event: "recognitions.completed" })).toBeUndefined();
    expect(
      inline("ibm", { id: "job", event: "recognitions.completed_with_results", results: [] }),
    ).toBeUndefined();
  });
});
