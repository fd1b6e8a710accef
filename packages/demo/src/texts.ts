/**
 * Synthetic government work reports: a title line, filler sentences that name no term of core's
 * default digital dictionary, and exactly `count` sentences that each name one such term once.
 * Under core's matching rules (leftmost-longest, ../../core/src/measurement/keywords.ts) the keyword
 * count of a text is therefore `count` (checked by the tests).
 */
import type { Rng } from '@spillover/core';

/** Dictionary terms used, none a substring of another nor of the templates. */
export const digitalTerms: readonly string[] = [
  '数字经济',
  '大数据',
  '云计算',
  '人工智能',
  '工业互联网',
  '物联网',
  '区块链',
  '5G',
  '电子商务',
  '智能制造',
  '数据中心',
  '数字政府',
  '智慧城市',
  '一网通办',
  '电子政务',
];

const digitalTemplates: readonly string[] = [
  '大力发展{}，培育新的增长点。',
  '推进{}建设，提升城市治理水平。',
  '加快{}与实体经济深度融合。',
  '积极布局{}等新兴领域。',
  '支持企业开展{}应用示范。',
  '建成一批{}重点项目。',
];

const fillers: readonly string[] = [
  '过去一年，全市经济运行总体平稳。',
  '坚持稳中求进工作总基调。',
  '扎实推进乡村振兴，农业农村发展基础进一步夯实。',
  '持续改善生态环境质量，打好污染防治攻坚战。',
  '着力保障和改善民生，新增城镇就业稳步增加。',
  '深化重点领域改革，营商环境持续优化。',
  '加强基础教育和公共卫生体系建设。',
  '推动交通、水利等重大项目建设。',
  '统筹发展和安全，守住不发生系统性风险的底线。',
  '扩大高水平对外开放，稳外贸稳外资。',
  '加快老旧小区改造，提升城市品质。',
  '切实加强政府自身建设，提高行政效能。',
];

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng.next() * items.length)]!;
}

/** One report of `cityName` for `year` naming `count` digital terms. */
export function workReportText(cityName: string, year: number, count: number, rng: Rng): string {
  const sentences: string[] = [];
  const nfill = 5 + Math.floor(rng.next() * 5);
  for (let k = 0; k < nfill; k++) sentences.push(pick(fillers, rng));
  for (let k = 0; k < count; k++) {
    sentences.push(pick(digitalTemplates, rng).replace('{}', pick(digitalTerms, rng)));
  }
  // Fisher–Yates shuffle so the digital sentences are spread through the text
  for (let k = sentences.length - 1; k > 0; k--) {
    const j = Math.floor(rng.next() * (k + 1));
    [sentences[k], sentences[j]] = [sentences[j]!, sentences[k]!];
  }
  return `${cityName}${year}年政府工作报告（摘要）。${sentences.join('')}`;
}

/** Poisson draw by inversion (Knuth's product method is slow for large λ; λ here is below ~60). */
export function poisson(lambda: number, rng: Rng): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const u = rng.next();
  while (u > cdf && k < 1000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}
