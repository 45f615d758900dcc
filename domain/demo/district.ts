/**
 * A pure, deterministic generator of a demo district (清江区): its units and the demo accounts.
 * No database, no clock, no Math.random — the same seed always gives the same data.
 */

export type DemoUnitKind =
  'region' | 'department' | 'town' | 'street' | 'soe' | 'stationed' | 'village' | 'community';

export type DemoRole =
  | 'sysadmin'
  | 'secadmin'
  | 'auditor'
  | 'office'
  | 'inspector'
  | 'liaison'
  | 'head'
  | 'leader'
  | 'discipline'
  | 'grid';

export interface DemoUnit {
  key: string;
  parentKey: string | null;
  name: string;
  code: string;
  kind: DemoUnitKind;
  peerGroup: 'departments' | 'towns' | null;
}

export interface DemoPerson {
  username: string;
  name: string;
  unitKey: string;
  roles: { role: DemoRole; unitKey: string }[];
  phone: string;
}

export interface DemoDistrict {
  units: DemoUnit[];
  people: DemoPerson[];
}

const REGION_NAME = '清江区';
const REGION_CODE = 'QJ';
const DEFAULT_SEED = 'qingjiang';
const VILLAGE_TOTAL = 430;

const words = (s: string): string[] => s.split(' ');

/** District departments; the first three get liaison/head demo accounts. */
const DEPARTMENTS = words(
  '区委办公室 区政府办公室 区发展改革委 区作风提升行动领导小组办公室 区纪委监委 区委组织部 ' +
    '区委宣传部 区委统战部 区委政法委 区委编办 区委督查室 区信访办 区教委 区科技局 区经济信息委 ' +
    '区公安分局 区民政局 区司法局 区财政局 区人力社保局 区规划自然资源局 区生态环境局 ' +
    '区住房城乡建委 区城市管理局 区交通局 区水利局 区农业农村委 区商务委 区文化旅游委 ' +
    '区卫生健康委 区退役军人事务局 区应急局 区审计局 区国资委 区市场监管局 区体育局 区统计局 ' +
    '区林业局 区医保局 区乡村振兴局 区大数据发展局 区机关事务局 区政务服务办 区供销社 区总工会 ' +
    '团区委 区妇联 区残联 区科协 区工商联 区融媒体中心 区档案馆',
);
const SOES = words('区城投集团 区交通建设集团 区农业投资集团 区水务集团 区文旅集团');
const STATIONED = words('国网清江供电公司 国家税务总局清江区税务局 中国电信清江分公司 清江海事处');

/** Two-character stems for 街道 and for 镇/乡 (disjoint lists, so town names never repeat). */
const STREET_STEMS = words('滨江 江北 城南 东华 西山 北门 南山 文峰 古楼 明月 丰乐 城北 云枫 桂湖');
const TOWN_STEMS = words(
  '白鹤 竹溪 金峰 大进 温泉 青龙 石门 桃源 凤凰 双河 龙泉 柏林 云台 永安 仁和 兴隆 太平 ' +
    '福禄 长岭 马鞍 三汇 黄坪 红岩 新田 清水 金竹 银杏 柳荫 梨园 茶山 鹤鸣 白马 观音 天星 ' +
    '宝塔 龙潭 安乐 玉峰 桂花 合兴 水口 沙坪 杨柳 高峰 大石 回龙 复兴 五通 铜锣 七星',
);

/** Village/community stems are built from a modifier and a landform, e.g. 白+坪 → 白坪. */
const STEM_HEADS = words(
  '白 竹 金 大 温 青 石 龙 凤 桃 柳 松 红 新 长 高 平 安 和 兴 福 永 双 三 马 鹤 云 清 黄 ' +
    '丰 仁 义 铁 兰 茶 梨 杨 花 天 宝 团 胜 光 万 九 五 柏 桂 梅 玉',
);
const STEM_TAILS = words(
  '溪 峰 泉 山 河 桥 坪 坝 湾 岭 林 塘 口 岩 田 园 湖 沟 垭 台 门 阳 丰 安 和 兴 观 池 滩 坡 ' +
    '梁 关 井 寨 庙 岗 屏 堰 坎 嘴',
);

const SURNAMES = words(
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 ' +
    '彭 曾 肖 田 董 袁 潘 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 廖 ' +
    '贾 夏 付 方 邹 熊 秦 邱 江 向 冉 文 龚 牟',
);
/** Given-name characters, split by the feel of the name so that one name does not mix both. */
const GIVEN_MALE = words(
  '伟 强 磊 军 洋 勇 杰 涛 明 超 刚 建 国 志 文 俊 海 鹏 辉 宇 林 浩 斌 峰 波 亮 飞 东 忠 德 ' +
    '成 兵 鑫 睿 轩 泽 航 凯 华 平 春 晨 子 家',
);
const GIVEN_FEMALE = words(
  '芳 娜 敏 静 丽 艳 娟 秀 霞 桂 英 玉 兰 红 燕 丹 雪 琳 欣 梅 婷 晓 佳 思 雨 嘉 诗 怡 莉 萍 ' +
    '蓉 华 平 春 晨 子 家 云',
);

type Rng = () => number;

/** FNV-1a hash of the seed string, used to seed the PRNG. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny, fast 32-bit PRNG returning floats in [0, 1). */
function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randInt = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

interface TownPlan {
  stem: string;
  suffix: '街道' | '镇' | '乡';
  size: number;
}

/** 10 街道, 26 镇, 4 乡, with village counts adjusted to sum to exactly VILLAGE_TOTAL. */
function planTowns(rng: Rng): TownPlan[] {
  const streets = shuffle(rng, STREET_STEMS).slice(0, 10);
  const towns = shuffle(rng, TOWN_STEMS).slice(0, 30);
  const plans: TownPlan[] = [
    ...streets.map((stem): TownPlan => ({ stem, suffix: '街道', size: randInt(rng, 6, 11) })),
    ...towns.slice(0, 26).map((stem): TownPlan => ({ stem, suffix: '镇', size: randInt(rng, 9, 14) })),
    ...towns.slice(26).map((stem): TownPlan => ({ stem, suffix: '乡', size: randInt(rng, 7, 11) })),
  ];
  let total = plans.reduce((sum, p) => sum + p.size, 0);
  while (total !== VILLAGE_TOTAL) {
    const plan = pick(rng, plans);
    if (total < VILLAGE_TOTAL && plan.size < 16) {
      plan.size++;
      total++;
    } else if (total > VILLAGE_TOTAL && plan.size > 5) {
      plan.size--;
      total--;
    }
  }
  return plans;
}

/** Names of the villages/communities under one town or street, unique within that parent. */
function villageNames(rng: Rng, plan: TownPlan): { name: string; community: boolean }[] {
  const used = new Set<string>([plan.stem]);
  const out: { name: string; community: boolean }[] = [];
  for (let i = 0; i < plan.size; i++) {
    let stem: string;
    do {
      stem = pick(rng, STEM_HEADS) + pick(rng, STEM_TAILS);
    } while (used.has(stem) || stem[0] === stem[1]);
    used.add(stem);
    // 街道 are mostly 社区 (the odd 村 remains); a 镇 has one 社区 at its seat; a 乡 only 村.
    const community =
      plan.suffix === '街道' ? i < plan.size - 1 || rng() < 0.6 : plan.suffix === '镇' && i === 0;
    out.push({ name: stem + (community ? '社区' : '村'), community });
  }
  return out;
}

function buildUnits(rng: Rng): DemoUnit[] {
  const units: DemoUnit[] = [
    {
      key: REGION_CODE,
      parentKey: null,
      name: REGION_NAME,
      code: REGION_CODE,
      kind: 'region',
      peerGroup: null,
    },
  ];
  const departments: [string, DemoUnitKind][] = [
    ...DEPARTMENTS.map((name): [string, DemoUnitKind] => [name, 'department']),
    ...SOES.map((name): [string, DemoUnitKind] => [name, 'soe']),
    ...STATIONED.map((name): [string, DemoUnitKind] => [name, 'stationed']),
  ];
  departments.forEach(([name, kind], i) => {
    const code = `${REGION_CODE}-D${pad(i + 1, 3)}`;
    units.push({ key: code, parentKey: REGION_CODE, name, code, kind, peerGroup: 'departments' });
  });
  planTowns(rng).forEach((plan, i) => {
    const code = `${REGION_CODE}-T${pad(i + 1, 2)}`;
    const kind = plan.suffix === '街道' ? 'street' : 'town';
    units.push({
      key: code,
      parentKey: REGION_CODE,
      name: plan.stem + plan.suffix,
      code,
      kind,
      peerGroup: 'towns',
    });
    villageNames(rng, plan).forEach(({ name, community }, j) => {
      const vCode = `${code}-V${pad(j + 1, 3)}`;
      units.push({
        key: vCode,
        parentKey: code,
        name,
        code: vCode,
        kind: community ? 'community' : 'village',
        peerGroup: null,
      });
    });
  });
  return units;
}

function buildPeople(rng: Rng, units: readonly DemoUnit[]): DemoPerson[] {
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  const unitByName = (name: string): DemoUnit => {
    const unit = units.find((u) => u.name === name);
    if (!unit) throw new Error(`demo unit not found: ${name}`);
    return unit;
  };
  const personName = (): string => {
    for (;;) {
      const pool = rng() < 0.5 ? GIVEN_MALE : GIVEN_FEMALE;
      const given = rng() < 0.7 ? pick(rng, pool) + pick(rng, pool) : pick(rng, pool);
      const name = pick(rng, SURNAMES) + given;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const phone = (): string => {
    for (;;) {
      let digits = pick(rng, ['13', '15', '18']);
      while (digits.length < 11) digits += String(randInt(rng, 0, 9));
      if (!usedPhones.has(digits)) {
        usedPhones.add(digits);
        return digits;
      }
    }
  };
  const add = (username: string, unitKey: string, roles: DemoPerson['roles']): void => {
    people.push({ username, name: personName(), unitKey, roles, phone: phone() });
  };

  const on = (role: DemoRole, unitKey: string = REGION_CODE): DemoPerson['roles'] => [{ role, unitKey }];
  add('admin', unitByName('区大数据发展局').key, on('sysadmin'));
  add('secadmin', unitByName('区大数据发展局').key, on('secadmin'));
  add('auditor', unitByName('区审计局').key, on('auditor'));
  add('office', unitByName('区作风提升行动领导小组办公室').key, on('office'));
  add('inspector', unitByName('区委督查室').key, on('inspector'));
  add('leader', unitByName('区政府办公室').key, on('leader'));
  add('discipline', unitByName('区纪委监委').key, on('discipline'));
  const community = units.find((u) => u.kind === 'community');
  if (!community) throw new Error('demo district has no community');
  add('grid', community.key, on('grid', community.key));

  const departments = units.filter((u) => u.peerGroup === 'departments');
  const towns = units.filter((u) => u.peerGroup === 'towns');
  for (const unit of [...towns.slice(0, 3), ...departments.slice(0, 3)]) {
    const suffix = unit.code.toLowerCase();
    add(`liaison-${suffix}`, unit.key, on('liaison', unit.key));
    add(`head-${suffix}`, unit.key, on('head', unit.key));
  }
  [...departments, ...towns].forEach((unit, i) => add(`p${pad(i + 1, 4)}`, unit.key, []));
  return people;
}

/** Builds the demo district; the same seed always gives the same data. */
export function buildDemoDistrict(seed: string = DEFAULT_SEED): DemoDistrict {
  const rng = mulberry32(hashSeed(seed));
  const units = buildUnits(rng);
  const people = buildPeople(rng, units);
  return { units, people };
}
