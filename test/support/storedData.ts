/**
 * The real server on each store, and everything that store holds as text, so a test can search it for a person's
 * name, phone or e-mail the way an auditor would: the embedded store's files as they are on disk (superseded
 * lines of the append log included), or every document of every collection of the bot's MongoDB database.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import mongoose from 'mongoose';
import type { RunningBot } from '../../bot/index';

export interface BotStore {
  name: 'embedded' | 'mongodb';
  /** variables for startTestBot: none for the embedded store (its own DATA_DIR), a database of its own on MongoDB */
  env(): Record<string, string>;
}

let databases = 0;

/** The embedded store always; MongoDB too when MONGODB_URI is set (each bot gets a database of its own). */
export function botStores(): BotStore[] {
  const uri = process.env.MONGODB_URI;
  const embedded: BotStore = { name: 'embedded', env: () => ({}) };
  if (!uri) return [embedded];
  const mongodb: BotStore = {
    name: 'mongodb',
    env: () => {
      const url = new URL(uri);
      url.pathname = `/adr_bot_${process.pid}_${Date.now()}_${databases++}`;
      return { MONGODB_URI: url.toString() };
    },
  };
  return [embedded, mongodb];
}

/** Every stored byte of the bot's data as text: the embedded files, or every MongoDB document as JSON. */
export async function storedText(bot: Pick<RunningBot, 'config'>): Promise<string> {
  if (!bot.config.mongodbUri) {
    const dir = bot.config.dataDir;
    const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.db') || f.endsWith('~'));
    const texts = await Promise.all(files.map((f) => fs.readFile(path.join(dir, f), 'utf8')));
    return texts.join('\n');
  }
  const connection = await mongoose.createConnection(bot.config.mongodbUri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    const db = connection.db;
    if (!db) throw new Error('no database on the connection');
    // the collections (some forty) read at once: on FerretDB at a load of 24, 3.2-5.0 s a call instead of 3.9-6.9 s
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    const parts = await Promise.all(names.map(async (name) => `${name}: ${JSON.stringify(await db.collection(name).find({}).toArray())}`));
    return parts.join('\n');
  } finally {
    await connection.close();
  }
}

/** Drops the bot's own MongoDB database (nothing to do on the embedded store, whose folder is a temp dir). */
export async function dropBotDatabase(bot: Pick<RunningBot, 'config'>): Promise<void> {
  if (!bot.config.mongodbUri) return;
  const connection = await mongoose.createConnection(bot.config.mongodbUri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}
