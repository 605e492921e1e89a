/**
 * Where the objects live, from the environment (tools/infra/infra.sh env prints these for SeaweedFS;
 * production points them at any S3 endpoint: Alibaba OSS, Huawei OBS, Ceph RGW, MinIO …).
 *
 *   S3_ENDPOINT          http(s)://host:port the services reach (unset: AWS itself)
 *   S3_PUBLIC_ENDPOINT   the address signed download links name, when clients reach the store elsewhere
 *   S3_REGION            default us-east-1
 *   S3_ACCESS_KEY / S3_SECRET_KEY
 *   S3_BUCKET            the bucket (one per stack: lianxin, lianxin-test, lianxin-test4 …)
 *   S3_PREFIX            optional key prefix inside the bucket (e.g. "media/"), for sharing one bucket
 *   S3_FORCE_PATH_STYLE  true for SeaweedFS/MinIO/Ceph (http://host/bucket/key), false for virtual hosts
 *   S3_CREATE_BUCKET     true: create the bucket when missing (development and tests; default true unless production)
 */
export interface StorageConfig {
  endpoint?: string;
  publicEndpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  bucket: string;
  prefix: string;
  forcePathStyle: boolean;
  createBucket: boolean;
}

export class StorageConfigError extends Error {}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return /^(1|true|yes|on)$/i.test(value);
}

export function storageConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<StorageConfig> = {},
): StorageConfig {
  const bucket = overrides.bucket ?? env.S3_BUCKET;
  if (!bucket) throw new StorageConfigError('S3_BUCKET is not set (eval "$(bash tools/infra/infra.sh env)")');
  const accessKeyId = overrides.accessKeyId ?? env.S3_ACCESS_KEY;
  const secretAccessKey = overrides.secretAccessKey ?? env.S3_SECRET_KEY;
  if (!!accessKeyId !== !!secretAccessKey) throw new StorageConfigError('S3_ACCESS_KEY and S3_SECRET_KEY go together');
  let prefix = overrides.prefix ?? env.S3_PREFIX ?? '';
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  const production = (env.NODE_ENV ?? 'production') === 'production';
  return {
    endpoint: overrides.endpoint ?? (env.S3_ENDPOINT || undefined),
    publicEndpoint: overrides.publicEndpoint ?? (env.S3_PUBLIC_ENDPOINT || undefined),
    region: overrides.region ?? env.S3_REGION ?? 'us-east-1',
    accessKeyId: accessKeyId || undefined,
    secretAccessKey: secretAccessKey || undefined,
    bucket,
    prefix,
    forcePathStyle: overrides.forcePathStyle ?? flag(env.S3_FORCE_PATH_STYLE, !!(overrides.endpoint ?? env.S3_ENDPOINT)),
    createBucket: overrides.createBucket ?? flag(env.S3_CREATE_BUCKET, !production),
  };
}
