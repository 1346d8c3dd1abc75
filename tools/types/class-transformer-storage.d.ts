// The typings of class-transformer's metadata storage live under types/, not beside the CommonJS file.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
