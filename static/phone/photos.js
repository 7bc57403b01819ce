// Photos of protocols: made smaller on the phone (a poor link carries 1 MB better than 8), checked like the server.
const MAX_SIDE = 2200;
const MAX_BYTES = 10 * 1024 * 1024;

export class PhotoRefused extends Error {}

async function shrink(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
}

// {blob, name, type} ready to keep and send, or PhotoRefused with the reason.
export async function preparePhoto(file) {
  if (file.type === "application/pdf") {
    if (file.size > MAX_BYTES) throw new PhotoRefused("PDF > 10 MB");
    return { blob: file, name: file.name, type: file.type };
  }
  if (!file.type.startsWith("image/")) throw new PhotoRefused(file.type || file.name);
  const blob = await shrink(file).catch(() => null);
  if (!blob || blob.size > MAX_BYTES) throw new PhotoRefused(file.name);
  return { blob, name: file.name.replace(/\.[^.]*$/, "") + ".jpg", type: "image/jpeg" };
}
