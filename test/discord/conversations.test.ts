import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordingStore, seedAssistant } from "../helpers.js";
import type { DiscordUser, RecordedRequest } from "./fake-discord.js";
import { spy, startHarness, type Harness } from "./harness.js";

const ALICE_ASKS = "侨商创客谷是什么地方？";
const FOLLOW_UP = "它年底前计划入驻多少家企业？";
const QUESTION = "崂山众创空间总面积将达到多少？";

let core: Awaited<ReturnType<typeof seedAssistant>>;
let store: ReturnType<typeof recordingStore>;
let assistant: ReturnType<typeof spy>;
let h: Harness;
let bob: DiscordUser;

beforeAll(async () => {
  store = recordingStore();
  core = await seedAssistant({ conversation: store });
  assistant = spy(core);
  // The fake's second text channel (helpChannelId) and its forum (forumId) reply on their own.
  const DISCORD_AUTO_CHANNELS = "300000000000000003,300000000000000004";
  h = await startHarness(assistant, { env: { RATE_LIMIT_PER_MINUTE: "0", DISCORD_AUTO_CHANNELS } });
  bob = { ...h.fake.user, id: "500000000000000077", username: "bob", global_name: "bob" };
  expect([h.fake.helpChannelId, h.fake.forumId].join(",")).toBe(DISCORD_AUTO_CHANNELS);
});

afterAll(async () => {
  await h?.close();
  await core?.cleanup();
});

const textOf = (r: RecordedRequest) => JSON.stringify(r.body.embeds ?? []) + (r.body.content ?? "");
/** The subject the core read a question against: the topic stored for its conversation before it. */
const subjectBefore = (conversationId: string) => store.subjectBefore(conversationId);

describe("whose conversation (fake Discord)", () => {
  it("keeps Alice's subject for Alice: Bob's 「它…」 in the same channel is not read as about 侨商创客谷", async () => {
    const alice = h.fake.user;
    await h.fake.edited(h.fake.slash("ask", { question: ALICE_ASKS }).token);
    await h.fake.edited(h.fake.slash("ask", { question: FOLLOW_UP }, { user: bob }).token);
    const aliceFollowUp = await h.fake.edited(h.fake.slash("ask", { question: FOLLOW_UP }).token);

    const [aliceId, bobId] = [`dc:${h.fake.channelId}:${alice.id}`, `dc:${h.fake.channelId}:${bob.id}`];
    expect(assistant.calls.filter((c) => c.text === FOLLOW_UP).map((c) => c.conversationId)).toEqual([bobId, aliceId]);
    expect(subjectBefore(bobId)).toBeUndefined();
    expect(subjectBefore(aliceId)).toBe("侨商创客谷");
    expect(aliceFollowUp.body.embeds[0].description).toContain("15家");
  });

  it("/reset clears only the caller's own conversation", async () => {
    const alice = h.fake.user;
    await h.fake.edited(h.fake.slash("ask", { question: ALICE_ASKS }).token);
    await h.fake.edited(h.fake.slash("ask", { question: ALICE_ASKS }, { user: bob }).token);
    await h.fake.edited(h.fake.slash("reset", {}, { user: bob }).token);
    await h.fake.edited(h.fake.slash("ask", { question: FOLLOW_UP }, { user: bob }).token);
    await h.fake.edited(h.fake.slash("ask", { question: FOLLOW_UP }).token);
    expect(subjectBefore(`dc:${h.fake.channelId}:${bob.id}`)).toBeUndefined();
    expect(subjectBefore(`dc:${h.fake.channelId}:${alice.id}`)).toBe("侨商创客谷");
  });
});

describe("threads (fake Discord)", () => {
  it("answers a plain message in the thread a mention opened, in that thread, as the thread's one conversation", async () => {
    const opening = h.fake.message(`<@${h.fake.bot.id}> ${ALICE_ASKS}`);
    const opened = await h.fake.request((r) => r.method === "POST" && r.path === `/channels/${h.fake.channelId}/messages/${opening}/threads`);
    const first = await h.fake.request((r) => r.method === "POST" && /^\/channels\/\d+\/messages$/.test(r.path) && textOf(r).includes("侨商创客谷"));
    const threadId = first.path.split("/")[2]!;
    expect(opened.body.name).toBe(ALICE_ASKS);

    // Bob joins in without mentioning the bot: same thread, same subject.
    const plain = h.fake.message(FOLLOW_UP, { channelId: threadId, author: bob });
    const answer = await h.fake.posted(threadId, (r) => r.body.message_reference?.message_id === plain);
    expect(textOf(answer)).toContain("15家");
    expect(subjectBefore(`dc:thread:${threadId}`)).toBe("侨商创客谷");
    expect(assistant.calls.filter((c) => c.conversationId === `dc:thread:${threadId}`).map((c) => c.text)).toEqual([ALICE_ASKS, FOLLOW_UP]);
  });

  it("answers in a thread it opened before a restart, known by the thread's owner", async () => {
    const plain = h.fake.message(QUESTION, { channelId: h.fake.botThreadId });
    const answer = await h.fake.posted(h.fake.botThreadId, (r) => r.body.message_reference?.message_id === plain);
    expect(textOf(answer)).toContain("150万平方米");
  });

  it("leaves alone, in its threads, other bots, replies to another user, and plain messages in threads it did not open", async () => {
    const ignored = [
      h.fake.message(QUESTION, { channelId: h.fake.botThreadId, author: h.fake.otherBot }),
      h.fake.message(QUESTION, { channelId: h.fake.botThreadId, author: bob, replyTo: { id: "1", author: h.fake.user } }),
      h.fake.message(QUESTION, { place: "thread" }),
      h.fake.message(QUESTION),
    ];
    const barrier = h.fake.message(QUESTION, { channelId: h.fake.botThreadId, replyTo: { id: "2", author: h.fake.bot } });
    await h.fake.posted(h.fake.botThreadId, (r) => r.body.message_reference?.message_id === barrier);
    const touched = h.fake.requests.filter((r) => ignored.some((id) => r.path.includes(id) || JSON.stringify(r.body ?? "").includes(id)));
    expect(touched).toEqual([]);
  });
});

describe("auto-reply channels (fake Discord)", () => {
  it("answers a plain message in an auto-reply channel in a new thread, which then is a conversation", async () => {
    const before = h.fake.requests.length;
    const id = h.fake.message(QUESTION, { channelId: h.fake.helpChannelId, author: bob });
    const opened = await h.fake.request((r) => r.method === "POST" && r.path === `/channels/${h.fake.helpChannelId}/messages/${id}/threads`);
    expect(opened.body.name).toBe(QUESTION);
    const answer = await h.fake.request(
      (r) =>
        h.fake.requests.indexOf(r) >= before &&
        r.method === "POST" &&
        /^\/channels\/\d+\/messages$/.test(r.path) &&
        r.path !== `/channels/${h.fake.helpChannelId}/messages` &&
        textOf(r).includes("150万平方米"),
    );
    const threadId = answer.path.split("/")[2]!;
    const next = h.fake.message(ALICE_ASKS, { channelId: threadId, author: bob });
    const second = await h.fake.posted(threadId, (r) => r.body.message_reference?.message_id === next);
    expect(textOf(second)).toContain("侨商创客谷");
    expect(assistant.calls.filter((c) => c.conversationId === `dc:thread:${threadId}`)).toHaveLength(2);
  });

  it("answers a new forum post in place, reading its title with its body", async () => {
    const post = h.fake.forumPost("侨商创客谷", "年底前计划入驻多少家企业？", bob);
    const answer = await h.fake.posted(post, (r) => r.body.message_reference?.message_id === post);
    expect(textOf(answer)).toContain("15家");
    expect(assistant.calls.find((c) => c.conversationId === `dc:thread:${post}`)?.text).toBe("侨商创客谷\n年底前计划入驻多少家企业？");
    expect(h.fake.requests.some((r) => r.path.startsWith(`/channels/${h.fake.forumId}/messages`))).toBe(false);
  });
});
