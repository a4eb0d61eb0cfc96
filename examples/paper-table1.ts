/**
 * Design question: how large are the packets of split-DNN services really, and where does the
 * seed paper's Table 1 ("AlexNet 1~50K, VGGNet 1~100K, ResNet 1~50K values at 224x224; 100 kB~10 MB
 * at 8K with 10 % compression") hold?
 *
 * Recomputes the table from the layer-by-layer shape engine and prints, per row, the computed
 * range over every candidate split point and where the paper's range holds. Checks the paper's own
 * worked example: VGG-16 pool5 = 512x7x7 = 25,088 values = 100,352 bytes at fp32.
 */
import { isPhyError, layerShapes, packetSizeTable, splitPayloadBytes } from '../src/index.js';
import { formatBytes, textTable } from '../src/report/table.js';
import { check } from './check.js';

export async function main(log: (line: string) => void = console.log): Promise<Record<string, unknown>> {
  const rows = packetSizeTable();
  log(
    textTable(rows, [
      { key: 'id', header: 'row', get: (r) => r.id },
      { key: 'paperRange', header: 'paper', get: (r) => r.paperRange },
      { key: 'min', header: 'computed min', get: (r) => r.computedMin, format: (v, r) => (r.unit === 'bytes' ? formatBytes(v as number) : String(v)) },
      { key: 'max', header: 'computed max', get: (r) => r.computedMax, format: (v, r) => (r.unit === 'bytes' ? formatBytes(v as number) : String(v)) },
      { key: 'verdict', header: 'verdict', get: (r) => r.verdict },
      { key: 'holdsFrom', header: 'holds from', get: (r) => r.holdsFrom },
    ]),
  );
  const vgg = layerShapes('vgg16', { height: 224, width: 224 });
  check(!isPhyError(vgg), 'VGG-16 at 224x224 has layer shapes');
  const pool5 = vgg.find((l) => l.name === 'features.30');
  check(pool5 !== undefined && pool5.c === 512 && pool5.h === 7 && pool5.w === 7 && pool5.elements === 25_088, 'VGG-16 pool5 is 512x7x7 = 25,088 values');
  const bytes = splitPayloadBytes({ model: 'vgg16', layer: 'features.30', input: { height: 224, width: 224 }, bitsPerValue: 32, compressionRatio: 1 });
  check(bytes === 100_352, 'VGG-16 pool5 at fp32 is 100,352 bytes');
  const holds = rows.filter((r) => r.verdict === 'holds').length;
  const fails = rows.filter((r) => r.verdict === 'fails').length;
  check(rows.length >= 20 && holds + fails < rows.length, 'most paper cells hold only partially');
  log(`VGG-16 pool5: ${pool5.elements} values = ${bytes} B at fp32 (the paper's "about 100 kB").`);
  log(`${rows.length} rows: ${holds} hold everywhere, ${rows.length - holds - fails} only from some split point on, ${fails} nowhere.`);
  return { rows: rows.length, holds, fails, vggPool5Bytes: bytes };
}
