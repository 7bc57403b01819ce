// What the phone keeps: the session (localStorage) and, in IndexedDB, every form started here plus the last
// plan and checklists read from the server.
const DB_NAME = "eom-phone";
const DB_VERSION = 1;
let database;

function open() {
  database ||= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("forms", { keyPath: "uuid" }).createIndex("owner", "owner");
      request.result.createObjectStore("kv");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return database;
}

async function transact(storeName, mode, operation) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(storeName, mode);
    const request = operation(transaction.objectStore(storeName));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = transaction.onabort = () => reject(transaction.error);
  });
}

export const forms = {
  get: (uuid) => transact("forms", "readonly", (store) => store.get(uuid)),
  put: (form) => transact("forms", "readwrite", (store) => store.put(form)),
  remove: (uuid) => transact("forms", "readwrite", (store) => store.delete(uuid)),
  // Forms of the signed-in user only: a shared phone never sends one person's form with another's token.
  mine: () => transact("forms", "readonly", (store) => store.index("owner").getAll(session.username || "")),
};

export const saved = {
  get: (key) => transact("kv", "readonly", (store) => store.get(key)),
  set: (key, value) => transact("kv", "readwrite", (store) => store.put(value, key)),
  clear: () => transact("kv", "readwrite", (store) => store.clear()),
};

export const session = {
  get token() { return localStorage.getItem("eom.token"); },
  get username() { return localStorage.getItem("eom.username"); },
  start(token, username) {
    localStorage.setItem("eom.token", token);
    localStorage.setItem("eom.username", username);
  },
  end() {
    localStorage.removeItem("eom.token");
  },
};

export function newUuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Pages served over plain http on a local network lack randomUUID: build a version 4 UUID by hand.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
