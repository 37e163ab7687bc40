export const COMMUNITY_KINDS = ['community', 'village'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];
export const COMMUNITY_KIND_LABELS: Record<CommunityKind, string> = { community: '社区', village: '村' };

export const POINT_KINDS = ['building', 'charger', 'bench', 'school_gate', 'service_station', 'venue', 'other'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
export const POINT_KIND_LABELS: Record<PointKind, string> = {
  building: '楼栋',
  charger: '充电设施',
  bench: '休闲座椅',
  school_gate: '校门口',
  service_station: '服务站',
  venue: '场馆',
  other: '其他',
};

/** What resolving a scene returns — the code *is* the location. */
export interface ResolvedScene {
  scene: string;
  point: { id: number; name: string; kind: PointKind; address: string | null };
  grid: { id: number; name: string };
  community: { id: number; name: string; kind: CommunityKind };
  street: { id: number; name: string };
  gridWorker: { id: number; name: string; phone: string | null } | null;
}

/** A point as the console lists it (a keyset page per grid). */
export interface PointView {
  id: number;
  gridId: number;
  name: string;
  kind: PointKind;
  address: string | null;
  scene: string;
  lat: number | null;
  lng: number | null;
  active: boolean;
}

/** One sticker of the printable sheet: the point, and its code as an image (a data URL, so no token goes in a URL). */
export interface StickerView extends PointView {
  communityName: string;
  gridName: string;
  qr: string;
}

/** The communities a resident can choose in 完善资料. */
export interface CommunityOption {
  id: number;
  name: string;
  kind: CommunityKind;
  streetName: string;
}
