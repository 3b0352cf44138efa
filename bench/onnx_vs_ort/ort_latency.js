// Median latency of one ONNX model in ONNX Runtime (onnxruntime-node, CPU).
//
// node ort_latency.js --model M.onnx --input NAME=FILE.npy [...]
//      [--runs 30] [--warmup 3] [--threads 2] [--output-dir DIR]
//
// Reads the inputs from .npy files (float32 or int64, C order), runs
// `warmup` untimed calls and `runs` timed ones with intraOpNumThreads =
// threads and graphOptimizationLevel 'all', writes each output to
// DIR/<output name with [^A-Za-z0-9_] as '_'>.npy and prints one JSON line:
// {"median_ms", "min_ms", "runs", "threads", "outputs": {name: path}}.
// onnxruntime-node is looked up in $KILN_BENCH_NODE_DIR/node_modules (see
// scripts/install-bench-deps.sh), then on Node's usual paths.
'use strict';

const fs = require('fs');
const path = require('path');

function loadOrt() {
  const folder = process.env.KILN_BENCH_NODE_DIR;
  if (folder) {
    try {
      return require(path.join(folder, 'node_modules', 'onnxruntime-node'));
    } catch (error) {
      if (error.code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  return require('onnxruntime-node');
}

function parseArguments(argv) {
  const options = {inputs: [], runs: 30, warmup: 3, threads: 2, outputDir: '.'};
  for (let i = 0; i < argv.length; ++i) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(argv[i] + ' expects a value');
      return argv[++i];
    };
    switch (argv[i]) {
      case '--model': options.model = value(); break;
      case '--input': {
        const text = value();
        const equals = text.indexOf('=');
        if (equals <= 0) throw new Error('--input expects NAME=FILE.npy');
        options.inputs.push([text.slice(0, equals), text.slice(equals + 1)]);
        break;
      }
      case '--runs': options.runs = parseInt(value(), 10); break;
      case '--warmup': options.warmup = parseInt(value(), 10); break;
      case '--threads': options.threads = parseInt(value(), 10); break;
      case '--output-dir': options.outputDir = value(); break;
      default: throw new Error('unknown argument ' + argv[i]);
    }
  }
  if (!options.model) throw new Error('--model is required');
  if (!(options.runs > 0) || !(options.threads > 0) || !(options.warmup >= 0))
    throw new Error('--runs and --threads must be positive, --warmup >= 0');
  return options;
}

const NPY_TYPES = {
  '<f4': ['float32', Float32Array],
  '<i8': ['int64', BigInt64Array],
};

function readNpy(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('latin1', 0, 6) !== '\x93NUMPY')
    throw new Error(file + ' is not a .npy file');
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  const header = bytes.toString('latin1', major === 1 ? 10 : 12, start);
  const descr = /'descr':\s*'([^']+)'/.exec(header)[1];
  if (/'fortran_order':\s*True/.test(header))
    throw new Error(file + ': Fortran order is not supported');
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)[1]
      .split(',').map((s) => s.trim()).filter((s) => s).map(Number);
  if (!(descr in NPY_TYPES)) throw new Error(file + ': unsupported dtype ' + descr);
  const [type, ArrayType] = NPY_TYPES[descr];
  const count = shape.reduce((a, b) => a * b, 1);
  const copy = bytes.buffer.slice(bytes.byteOffset + start,
                                  bytes.byteOffset + start + count * ArrayType.BYTES_PER_ELEMENT);
  return {type, data: new ArrayType(copy), dims: shape};
}

function writeNpy(file, tensor) {
  const descr = {float32: '<f4', int64: '<i8'}[tensor.type];
  if (!descr) throw new Error('cannot write a ' + tensor.type + ' output');
  const shape = tensor.dims.length === 1 ? `(${tensor.dims[0]},)` : `(${tensor.dims.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const data = Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  fs.writeFileSync(file, Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]));
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const ort = loadOrt();
  const session = await ort.InferenceSession.create(options.model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: options.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const feeds = {};
  for (const [name, file] of options.inputs) {
    const array = readNpy(file);
    feeds[name] = new ort.Tensor(array.type, array.data, array.dims);
  }
  for (const name of session.inputNames)
    if (!(name in feeds)) throw new Error('no --input for model input ' + name);

  let results;
  for (let i = 0; i < options.warmup; ++i) results = await session.run(feeds);
  const latencies = [];
  for (let i = 0; i < options.runs; ++i) {
    const start = process.hrtime.bigint();
    results = await session.run(feeds);
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  latencies.sort((a, b) => a - b);
  const middle = latencies.length >> 1;
  const median = latencies.length % 2 ? latencies[middle]
                                      : (latencies[middle - 1] + latencies[middle]) / 2;

  fs.mkdirSync(options.outputDir, {recursive: true});
  const outputs = {};
  for (const name of session.outputNames) {
    const file = path.join(options.outputDir, name.replace(/[^A-Za-z0-9_]/g, '_') + '.npy');
    writeNpy(file, results[name]);
    outputs[name] = file;
  }
  console.log(JSON.stringify({median_ms: median, min_ms: latencies[0], runs: options.runs,
                              threads: options.threads, outputs}));
}

main().catch((error) => {
  console.error('ort_latency: error: ' + error.message);
  process.exit(1);
});
