/**
 * The 19 national urban agglomerations (城市群) of the 13th Five-Year Plan (2016), mapped onto the
 * prefecture-level cities of the demo's city list.
 *
 * APPROXIMATION, for simulated data only: the official plans cover some cities only in part,
 * include county-level units that are not in the list, and several cities are named in two plans
 * (e.g. 聊城/菏泽 in both the Central Plains and the Shandong Peninsula plans). Here every city
 * belongs to at most one agglomeration: the first in the order below that lists it. A whole
 * province is listed only where its plan covers (almost) all of it (Beijing-Tianjin-Hebei,
 * Shandong Peninsula, West Coast of the Straits for Fujian).
 */

export interface Agglomeration {
  /** Pinyin/English short name, used in the panel's `agglomeration` column. */
  id: string;
  name: string;
  /** Province → its cities in the agglomeration (names as in the city list), or '*' for all of them. */
  members: Record<string, string[] | '*'>;
}

export const agglomerations: readonly Agglomeration[] = [
  { id: 'jingjinji', name: '京津冀城市群', members: { 北京市: '*', 天津市: '*', 河北省: '*' } },
  {
    id: 'yangtze-delta',
    name: '长江三角洲城市群',
    members: {
      上海市: '*',
      江苏省: ['南京市', '无锡市', '常州市', '苏州市', '南通市', '盐城市', '扬州市', '镇江市', '泰州市'],
      浙江省: ['杭州市', '宁波市', '嘉兴市', '湖州市', '绍兴市', '金华市', '舟山市', '台州市'],
      安徽省: ['合肥市', '芜湖市', '马鞍山市', '铜陵市', '安庆市', '滁州市', '池州市', '宣城市'],
    },
  },
  {
    id: 'pearl-delta',
    name: '珠江三角洲城市群',
    members: {
      广东省: ['广州市', '深圳市', '珠海市', '佛山市', '江门市', '东莞市', '中山市', '惠州市', '肇庆市'],
    },
  },
  {
    id: 'chengyu',
    name: '成渝城市群',
    members: {
      重庆市: '*',
      四川省: [
        '成都市',
        '自贡市',
        '泸州市',
        '德阳市',
        '绵阳市',
        '遂宁市',
        '内江市',
        '乐山市',
        '南充市',
        '眉山市',
        '宜宾市',
        '广安市',
        '达州市',
        '雅安市',
        '资阳市',
      ],
    },
  },
  {
    id: 'middle-yangtze',
    name: '长江中游城市群',
    members: {
      湖北省: [
        '武汉市',
        '黄石市',
        '鄂州市',
        '黄冈市',
        '孝感市',
        '咸宁市',
        '襄阳市',
        '宜昌市',
        '荆州市',
        '荆门市',
      ],
      湖南省: ['长沙市', '株洲市', '湘潭市', '岳阳市', '益阳市', '常德市', '衡阳市', '娄底市'],
      江西省: [
        '南昌市',
        '九江市',
        '景德镇市',
        '鹰潭市',
        '新余市',
        '宜春市',
        '萍乡市',
        '上饶市',
        '抚州市',
        '吉安市',
      ],
    },
  },
  { id: 'shandong-peninsula', name: '山东半岛城市群', members: { 山东省: '*' } },
  {
    id: 'west-straits',
    name: '海峡西岸城市群',
    members: {
      福建省: '*',
      浙江省: ['温州市', '丽水市', '衢州市'],
      广东省: ['汕头市', '汕尾市', '潮州市', '揭阳市', '梅州市'],
      江西省: ['赣州市'],
    },
  },
  {
    id: 'central-plains',
    name: '中原城市群',
    members: {
      河南省: [
        '郑州市',
        '开封市',
        '洛阳市',
        '平顶山市',
        '新乡市',
        '焦作市',
        '许昌市',
        '漯河市',
        '鹤壁市',
        '商丘市',
        '周口市',
        '安阳市',
        '濮阳市',
        '三门峡市',
        '南阳市',
        '信阳市',
        '驻马店市',
      ],
      山西省: ['长治市', '晋城市'],
      安徽省: ['宿州市', '淮北市', '蚌埠市', '阜阳市', '亳州市'],
    },
  },
  {
    id: 'guanzhong',
    name: '关中平原城市群',
    members: {
      陕西省: ['西安市', '宝鸡市', '咸阳市', '铜川市', '渭南市', '商洛市'],
      山西省: ['运城市', '临汾市'],
      甘肃省: ['天水市', '平凉市', '庆阳市'],
    },
  },
  {
    id: 'beibu-gulf',
    name: '北部湾城市群',
    members: {
      广西壮族自治区: ['南宁市', '北海市', '钦州市', '防城港市', '玉林市', '崇左市'],
      广东省: ['湛江市', '茂名市', '阳江市'],
      海南省: ['海口市', '儋州市'],
    },
  },
  {
    id: 'harbin-changchun',
    name: '哈长城市群',
    members: {
      黑龙江省: ['哈尔滨市', '大庆市', '齐齐哈尔市', '绥化市', '牡丹江市'],
      吉林省: ['长春市', '吉林市', '四平市', '辽源市', '松原市', '延边朝鲜族自治州'],
    },
  },
  {
    id: 'central-south-liaoning',
    name: '辽中南城市群',
    members: {
      辽宁省: [
        '沈阳市',
        '大连市',
        '鞍山市',
        '抚顺市',
        '本溪市',
        '丹东市',
        '辽阳市',
        '营口市',
        '盘锦市',
        '铁岭市',
      ],
    },
  },
  {
    id: 'central-shanxi',
    name: '山西中部城市群',
    members: { 山西省: ['太原市', '晋中市', '忻州市', '吕梁市', '阳泉市'] },
  },
  {
    id: 'central-guizhou',
    name: '黔中城市群',
    members: {
      贵州省: ['贵阳市', '遵义市', '安顺市', '毕节市', '黔南布依族苗族自治州', '黔东南苗族侗族自治州'],
    },
  },
  {
    id: 'central-yunnan',
    name: '滇中城市群',
    members: { 云南省: ['昆明市', '曲靖市', '玉溪市', '楚雄彝族自治州', '红河哈尼族彝族自治州'] },
  },
  {
    id: 'hubaoeyu',
    name: '呼包鄂榆城市群',
    members: { 内蒙古自治区: ['呼和浩特市', '包头市', '鄂尔多斯市'], 陕西省: ['榆林市'] },
  },
  {
    id: 'lanzhou-xining',
    name: '兰州-西宁城市群',
    members: {
      甘肃省: ['兰州市', '白银市', '定西市', '临夏回族自治州'],
      青海省: ['西宁市', '海东市', '海北藏族自治州', '海南藏族自治州', '黄南藏族自治州'],
    },
  },
  {
    id: 'ningxia-yellow-river',
    name: '宁夏沿黄城市群',
    members: { 宁夏回族自治区: ['银川市', '石嘴山市', '吴忠市', '中卫市'] },
  },
  {
    id: 'tianshan-north-slope',
    name: '天山北坡城市群',
    members: {
      新疆维吾尔自治区: [
        '乌鲁木齐市',
        '克拉玛依市',
        '昌吉回族自治州',
        '伊犁哈萨克自治州',
        '博尔塔拉蒙古自治州',
        '塔城地区',
      ],
    },
  },
];

/** The id of the first agglomeration listing the city, or '' when none does. */
export function agglomerationOf(province: string, name: string): string {
  for (const a of agglomerations) {
    const members = a.members[province];
    if (members === '*' || members?.includes(name)) return a.id;
  }
  return '';
}

/** Every (province, city) an agglomeration names explicitly, for checking the mapping against a city list. */
export function namedMembers(): { agglomeration: string; province: string; name: string }[] {
  return agglomerations.flatMap((a) =>
    Object.entries(a.members).flatMap(([province, names]) =>
      names === '*' ? [] : names.map((name) => ({ agglomeration: a.id, province, name })),
    ),
  );
}
