/**
 * The Teams app package: manifest.json (schema v1.22, Italian by default) with an English localization file, two
 * PNG icons drawn here (no image library), validated offline against the official JSON schemas shipped by
 * `@microsoft/app-manifest` (draft-04: ajv-draft-04 + ajv-formats), zipped with node:zlib.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deflateRawSync, deflateSync } from 'node:zlib';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { contentDir, projectRoot } from '../../models/paths';

export const MANIFEST_VERSION = '1.22';
const SCHEMA_DIR = path.join(projectRoot, 'node_modules', '@microsoft', 'app-manifest', 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`);
const SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}`;

export interface PackageSettings {
  /** the Teams app id (a GUID); defaults to the bot's app id */
  appId: string;
  botId: string;
  publicUrl: string;
  version: string;
  developerName: string;
  privacyUrl: string;
  termsUrl: string;
}

type Json = Record<string, unknown>;
interface Command {
  title: string;
  description: string;
}
interface AppTexts {
  'name.short': string;
  'name.full': string;
  'description.short': string;
  'description.full': string;
  personal: Command[];
  team: Command[];
}
interface AppContent {
  accentColor: string;
  it: AppTexts;
  en: AppTexts;
}

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PackageError';
  }
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** Reads the package's settings from the environment; PackageError lists every missing or wrong variable. */
export function packageSettings(env: Record<string, string | undefined>, defaultVersion: string): PackageSettings {
  const problems: string[] = [];
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const botId = get('MicrosoftAppId');
  if (!botId) problems.push('MicrosoftAppId is required (the Azure Bot app id, a GUID)');
  else if (!GUID.test(botId)) problems.push(`MicrosoftAppId must be a GUID, got "${botId}"`);
  const appId = get('TEAMS_APP_ID') ?? botId ?? '';
  if (get('TEAMS_APP_ID') && !GUID.test(appId)) problems.push(`TEAMS_APP_ID must be a GUID, got "${appId}"`);
  const publicUrl = (get('PUBLIC_URL') ?? '').replace(/\/+$/, '');
  if (!publicUrl) problems.push("PUBLIC_URL is required (the bot's public https address)");
  else if (!/^https:\/\/[^/]+/.test(publicUrl)) problems.push(`PUBLIC_URL must start with https://, got "${publicUrl}"`);
  if (problems.length > 0) throw new PackageError(problems);
  return {
    appId,
    botId: botId as string,
    publicUrl,
    version: get('TEAMS_APP_VERSION') ?? defaultVersion,
    developerName: get('TEAMS_DEVELOPER_NAME') ?? 'Regione Lombardia',
    privacyUrl: get('TEAMS_PRIVACY_URL') ?? `${publicUrl}/privacy`,
    termsUrl: get('TEAMS_TERMS_URL') ?? `${publicUrl}/privacy`,
  };
}

function appContent(): AppContent {
  return JSON.parse(fs.readFileSync(path.join(contentDir, 'teams', 'app.json'), 'utf8')) as AppContent;
}

export interface AppPackageFiles {
  manifest: Json;
  localization: Json;
  colorIcon: Buffer;
  outlineIcon: Buffer;
}

export function buildPackage(settings: PackageSettings): AppPackageFiles {
  const content = appContent();
  const it = content.it;
  const en = content.en;
  const manifest: Json = {
    $schema: `${SCHEMA_URL}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: settings.version,
    id: settings.appId,
    developer: { name: settings.developerName, websiteUrl: settings.publicUrl, privacyUrl: settings.privacyUrl, termsOfUseUrl: settings.termsUrl },
    name: { short: it['name.short'], full: it['name.full'] },
    description: { short: it['description.short'], full: it['description.full'] },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: content.accentColor,
    bots: [
      {
        botId: settings.botId,
        scopes: ['personal', 'team'],
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: [
          { scopes: ['personal'], commands: it.personal },
          { scopes: ['team'], commands: it.team },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [new URL(settings.publicUrl).host],
    localizationInfo: { defaultLanguageTag: 'it-it', additionalLanguages: [{ languageTag: 'en-us', file: 'en-us.json' }] },
  };
  const localization: Json = {
    $schema: `${SCHEMA_URL}/MicrosoftTeams.Localization.schema.json`,
    'name.short': en['name.short'],
    'name.full': en['name.full'],
    'description.short': en['description.short'],
    'description.full': en['description.full'],
  };
  [en.personal, en.team].forEach((commands, list) =>
    commands.forEach((command, i) => {
      localization[`bots[0].commandLists[${list}].commands[${i}].title`] = command.title;
      localization[`bots[0].commandLists[${list}].commands[${i}].description`] = command.description;
    }),
  );
  return { manifest, localization, colorIcon: colorIcon(content.accentColor), outlineIcon: outlineIcon() };
}

/** "/developer/websiteUrl" -> "developer.websiteUrl", "/bots/0/botId" -> "bots[0].botId" */
function fieldOf(instancePath: string, missing?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (missing) parts.push(missing);
  return parts.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '') || '(root)';
}

/** Validates against the official schema; PackageError names each field at fault, e.g. "manifest.json: developer.websiteUrl ...". */
export function validatePackage(files: Pick<AppPackageFiles, 'manifest' | 'localization'>, schemaDir = SCHEMA_DIR): void {
  // the official localization schema has patterns that are not valid as unicode regular expressions
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, unicodeRegExp: false });
  addFormats(ajv);
  const problems: string[] = [];
  const check = (file: string, schemaFile: string, data: Json): void => {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, schemaFile), 'utf8')) as Json;
    delete schema.$schema;
    const validate = ajv.compile(schema);
    if (validate(data)) return;
    for (const error of validate.errors ?? []) {
      const params = error.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown };
      const field = fieldOf(error.instancePath, params.missingProperty ?? params.additionalProperty);
      const detail = params.additionalProperty ? 'is not allowed' : params.missingProperty ? 'is required' : error.message ?? 'is invalid';
      problems.push(`${file}: ${field} ${detail}`);
    }
  };
  check('manifest.json', 'MicrosoftTeams.schema.json', files.manifest);
  check('en-us.json', 'MicrosoftTeams.Localization.schema.json', files.localization);
  if (problems.length > 0) throw new PackageError([...new Set(problems)]);
}

// ---- PNG (RGBA, 8 bits) ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Reads width, height and colour type back from a PNG (tests, and a sanity check before zipping). */
export function pngInfo(png: Buffer): { width: number; height: number; colorType: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25] };
}

/** The motif: three nodes of a network joined by links, in a size-independent unit square. */
const NODES = [
  [0.5, 0.27],
  [0.27, 0.7],
  [0.73, 0.7],
] as const;

function distanceToSegment(px: number, py: number, [ax, ay]: readonly [number, number], [bx, by]: readonly [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of the motif at a pixel centre, antialiased over one pixel. */
function motif(x: number, y: number, size: number, nodeRadius: number, lineWidth: number, ring: boolean): number {
  const px = (x + 0.5) / size;
  const py = (y + 0.5) / size;
  const pixel = 1 / size;
  let distance = Infinity;
  for (let i = 0; i < NODES.length; i++) {
    const d = Math.hypot(px - NODES[i][0], py - NODES[i][1]);
    distance = Math.min(distance, ring ? Math.abs(d - nodeRadius) - lineWidth / 2 : d - nodeRadius);
    const next = NODES[(i + 1) % NODES.length];
    const line = distanceToSegment(px, py, NODES[i], next);
    // links stop at the rings in the outline version
    const inside = ring && NODES.some(([nx, ny]) => Math.hypot(px - nx, py - ny) < nodeRadius);
    if (!inside) distance = Math.min(distance, line - lineWidth / 2);
  }
  return Math.max(0, Math.min(1, 0.5 - distance / pixel));
}

function hexColor(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** 192x192, full colour: white network on the accent colour. */
export function colorIcon(accent: string): Buffer {
  const size = 192;
  const [r, g, b] = hexColor(accent);
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = motif(x, y, size, 0.11, 0.05, false);
      const i = (y * size + x) * 4;
      pixels.set([Math.round(r + (255 - r) * a), Math.round(g + (255 - g) * a), Math.round(b + (255 - b) * a), 255], i);
    }
  }
  return encodePng(size, size, pixels);
}

/** 32x32 outline: white on transparent, as Teams requires. */
export function outlineIcon(): Buffer {
  const size = 32;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = motif(x, y, size, 0.13, 0.07, true);
      pixels.set([255, 255, 255, Math.round(a * 255)], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, pixels);
}

// ---- ZIP (deflate, no external library) ----

export function zip(entries: ReadonlyArray<{ name: string; data: Buffer }>, date = new Date(Date.UTC(2026, 0, 1))): Buffer {
  const dosTime = ((date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1)) & 0xffff;
  const dosDate = (((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate()) & 0xffff;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Builds, validates and writes the package; returns the zip's path. */
export function writePackage(settings: PackageSettings, outDir: string): string {
  const files = buildPackage(settings);
  validatePackage(files);
  fs.mkdirSync(outDir, { recursive: true });
  const entries = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(files.manifest, null, 2)}\n`) },
    { name: 'en-us.json', data: Buffer.from(`${JSON.stringify(files.localization, null, 2)}\n`) },
    { name: 'color.png', data: files.colorIcon },
    { name: 'outline.png', data: files.outlineIcon },
  ];
  for (const entry of entries) fs.writeFileSync(path.join(outDir, entry.name), entry.data);
  const zipPath = path.join(outDir, `azioni-di-rete-teams-${settings.version}.zip`);
  fs.writeFileSync(zipPath, zip(entries));
  return zipPath;
}
