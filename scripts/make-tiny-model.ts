/**
 * Writes a tiny, deterministic stand-in for a transformers.js embedding model, so tests load it
 * through the same code path as `Xenova/multilingual-e5-small` with no download.
 *
 * Layout (what transformers.js reads for `dtype: "q8"`):
 *   ${dir}/${modelId}/config.json
 *   ${dir}/${modelId}/tokenizer.json          BERT WordPiece, Chinese split per character
 *   ${dir}/${modelId}/tokenizer_config.json
 *   ${dir}/${modelId}/onnx/model_quantized.onnx
 *
 * The ONNX graph is an int8 embedding table looked up per token (`Gather` + `DequantizeLinear`),
 * masked by `attention_mask`, output as `last_hidden_state` [batch, seq, dim]. Mean pooling of
 * per-character vectors means texts that share characters get similar vectors.
 *
 * CLI: `npm run model:tiny -- <modelsDir> [modelId]`
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import onnxProto from "onnx-proto";
import { prng } from "./prng.js";

const { onnx } = onnxProto;

/** Vector length of the tiny model. */
export const TINY_DIMENSION = 16;

const SEED = 0x5eed;
const SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;
const LETTERS = [..."abcdefghijklmnopqrstuvwxyz0123456789"];
const PUNCT = [..."!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~，。？！：；、（）《》“”‘’…—"];
/** Common characters of Chinese news and policy text; anything else becomes `[UNK]`. */
const HANZI = [
  ...new Set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质气量各再完打物受改专议革究军南办交源志候石群单建速积引识条斯布"
      + "政策经济发展改革创新企业市场投资金融服务科技产业城市建设规划项目管理保障社会公共环境生态能源交通教育医疗卫生人才就业收入消费贸易合作国际省县镇村区域试点推进落实加快支持鼓励促进提升完善优化深化扩大实施"
      + "崂空众创面积达万亿平米元亿增长百分率今年去年季度月日报告会议通知意见方案办法规定条例"
      + "天气晴朗适合出游雨雪风温冷热春夏秋冬吃饭喝茶咖啡猫狗鱼鸟花草树木音乐电影游戏运动足球篮球",
  ),
].filter((c) => /\p{Script=Han}/u.test(c));

/** The vocabulary in id order: specials, ASCII, `##` continuations, punctuation, Han characters. */
export function tinyVocab(): string[] {
  const words = [...SPECIAL, ...LETTERS, ...LETTERS.map((c) => `##${c}`), ...PUNCT, ...HANZI];
  return [...new Set(words)];
}

/**
 * Writes the tiny model under `${dir}/${modelId}/`. Same input, same bytes.
 *
 * @example
 * await makeTinyModel("/tmp/models"); // → /tmp/models/test/tiny-embedder/{config.json,tokenizer.json,...}
 * const e = await createTransformersEmbedder({ modelsDir: "/tmp/models", modelId: "test/tiny-embedder" });
 */
export async function makeTinyModel(dir: string, modelId = "test/tiny-embedder"): Promise<void> {
  const root = join(dir, modelId);
  await mkdir(join(root, "onnx"), { recursive: true });
  const vocab = tinyVocab();
  await Promise.all([
    writeJson(join(root, "config.json"), configJson(vocab.length)),
    writeJson(join(root, "tokenizer.json"), tokenizerJson(vocab)),
    writeJson(join(root, "tokenizer_config.json"), tokenizerConfigJson()),
    writeFile(join(root, "onnx", "model_quantized.onnx"), modelBytes(vocab)),
  ]);
}

function writeJson(path: string, value: unknown): Promise<void> {
  return writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

function configJson(vocabSize: number) {
  return {
    architectures: ["BertModel"],
    model_type: "bert",
    hidden_size: TINY_DIMENSION,
    vocab_size: vocabSize,
    type_vocab_size: 2,
    max_position_embeddings: 512,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    pad_token_id: 0,
  };
}

function tokenizerConfigJson() {
  return {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    tokenize_chinese_chars: true,
    model_max_length: 512,
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    mask_token: "[MASK]",
  };
}

/** A tokenizers-format file as `BertTokenizerFast` saves it. */
function tokenizerJson(vocab: string[]) {
  const id = (t: string) => vocab.indexOf(t);
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: id(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: {
        "[CLS]": { id: "[CLS]", ids: [id("[CLS]")], tokens: ["[CLS]"] },
        "[SEP]": { id: "[SEP]", ids: [id("[SEP]")], tokens: ["[SEP]"] },
      },
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

/**
 * The embedding table, int8 with one shared scale. `[CLS]` gets a short vector so no text embeds
 * to zero; the other specials are zero so they add nothing every text would share.
 */
function embeddingTable(vocab: string[]): Int8Array {
  const next = prng(SEED); // the table must not change between runs or machines
  const table = new Int8Array(vocab.length * TINY_DIMENSION);
  vocab.forEach((token, row) => {
    const scale = token === "[CLS]" ? 0.1 : (SPECIAL as readonly string[]).includes(token) ? 0 : 1;
    for (let j = 0; j < TINY_DIMENSION; j++) {
      table[row * TINY_DIMENSION + j] = Math.round((next() * 2 - 1) * 127 * scale);
    }
  });
  return table;
}


const { DataType } = onnx.TensorProto;

function modelBytes(vocab: string[]): Uint8Array {
  const dims = (...d: (number | string)[]) => ({
    dim: d.map((x) => (typeof x === "number" ? { dimValue: x } : { dimParam: x })),
  });
  const valueInfo = (name: string, elemType: number, shape: ReturnType<typeof dims>) => ({
    name,
    type: { tensorType: { elemType, shape } },
  });
  const tensor = (name: string, dataType: number, shape: number[], raw: ArrayBufferView) => ({
    name,
    dataType,
    dims: shape,
    rawData: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
  });
  const node = (opType: string, input: string[], output: string[], attribute: object[] = []) => ({
    opType,
    input,
    output,
    name: output[0],
    attribute,
  });

  const graph = {
    name: "tiny-embedder",
    input: [
      valueInfo("input_ids", DataType.INT64, dims("batch_size", "sequence_length")),
      valueInfo("attention_mask", DataType.INT64, dims("batch_size", "sequence_length")),
      valueInfo("token_type_ids", DataType.INT64, dims("batch_size", "sequence_length")),
    ],
    output: [
      valueInfo("last_hidden_state", DataType.FLOAT, dims("batch_size", "sequence_length", TINY_DIMENSION)),
    ],
    initializer: [
      tensor("word_embeddings", DataType.INT8, [vocab.length, TINY_DIMENSION], embeddingTable(vocab)),
      tensor("word_scale", DataType.FLOAT, [], new Float32Array([1 / 127])),
      tensor("word_zero_point", DataType.INT8, [], new Int8Array([0])),
      tensor("token_type_embeddings", DataType.FLOAT, [2, TINY_DIMENSION], new Float32Array(2 * TINY_DIMENSION)),
      tensor("last_axis", DataType.INT64, [1], new BigInt64Array([-1n])),
    ],
    node: [
      node("Gather", ["word_embeddings", "input_ids"], ["word_q"], [{ name: "axis", type: 2, i: 0 }]),
      node("DequantizeLinear", ["word_q", "word_scale", "word_zero_point"], ["word"]),
      node("Gather", ["token_type_embeddings", "token_type_ids"], ["token_type"], [{ name: "axis", type: 2, i: 0 }]),
      node("Add", ["word", "token_type"], ["embedded"]),
      node("Cast", ["attention_mask"], ["mask_f"], [{ name: "to", type: 2, i: DataType.FLOAT }]),
      node("Unsqueeze", ["mask_f", "last_axis"], ["mask"]),
      node("Mul", ["embedded", "mask"], ["last_hidden_state"]),
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: "make-tiny-model",
    opsetImport: [{ domain: "", version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const [dir, modelId] = process.argv.slice(2);
  if (!dir) {
    console.error("Usage: npm run model:tiny -- <modelsDir> [modelId]");
    process.exit(1);
  }
  await makeTinyModel(dir, modelId);
  console.log(`Wrote ${join(resolve(dir), modelId ?? "test/tiny-embedder")}`);
}
