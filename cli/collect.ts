/**
 * `parapet collect`: discover an estate into an inventory file.
 *   aws     AWS Config (per region, or an aggregator) and the account facts CIS needs
 *   gcp     Cloud Asset Inventory (cli/collect-gcp.ts)
 *   azure   Resource Graph (cli/collect-azure.ts)
 *   import  the clouds' native export files
 */
import { Command, Option } from 'commander';
import { ParapetError } from '../common/errors.js';
import { collectInto, registerGcp } from './collect-gcp.js';
import { registerAzure } from './collect-azure.js';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

interface AwsFlags {
  out: string;
  region: string[];
  roleArn: string[];
  orgRole?: string;
  aggregator?: string;
  aggregatorRegion?: string;
  resourceTypes?: string[];
  facts: boolean;
  endpointUrl?: string;
  maxAttempts: string;
  concurrency: string;
  allowPartial?: boolean;
}

function positiveInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ParapetError('bad_option', `${name} must be an integer from 1 to ${max}, not ${value}`);
  return n;
}



export function register(program: Command): void {
  const collect = program.command('collect').description('Discover a cloud estate into a parapet.inventory/v1 file (NDJSON, or JSON for a .json name).');

  collect
    .command('aws')
    .description('Collect AWS resources from AWS Config and the account facts CIS needs (IAM credential report, password policy, CloudTrail status, …), with credentials from the SDK default chain.')
    .requiredOption('--out <file>', 'inventory file to write (.json for one JSON document, otherwise NDJSON)')
    .option('--region <name>', 'regions to read (repeatable or comma-separated; default: every enabled region)', list, [])
    .option('--role-arn <arn>', 'roles to assume, one account each (repeatable or comma-separated)', list, [])
    .option('--org-role <name>', 'read every active account of the AWS Organization by assuming this role name in each')
    .option('--aggregator <name>', 'read resources through this AWS Config aggregator instead of region by region')
    .option('--aggregator-region <name>', 'the region the aggregator lives in (default: $AWS_REGION or us-east-1)')
    .option('--resource-types <types>', 'only these Config types, e.g. AWS::S3::Bucket (default: what Config records)', list)
    .option('--no-facts', 'skip the account facts (credential report, password policy, CloudTrail status, …)')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (moto, LocalStack)')
    .addOption(new Option('--max-attempts <n>', 'attempts the SDK makes per request').default('3'))
    .addOption(new Option('--concurrency <n>', 'regions read at the same time').default('4'))
    .option('--allow-partial', 'exit 0 even when some scope could not be read completely')
    .action(async (flags: AwsFlags) => {
      const maxAttempts = positiveInt('--max-attempts', flags.maxAttempts, 20);
      const concurrency = positiveInt('--concurrency', flags.concurrency, 32);
      if (flags.endpointUrl && !/^https?:\/\//.test(flags.endpointUrl)) throw new ParapetError('bad_option', `--endpoint-url must be an http(s) URL, not ${flags.endpointUrl}`);
      // Loaded on use: the AWS SDK clients take a while to load and other commands need none of them.
      const { collectAws } = await import('../collectors/aws/collect.js');
      await collectInto(flags.out, 'aws', flags.allowPartial === true, (writer, progress) => collectAws({
        emit: (r) => writer.write(r),
        progress,
        regions: flags.region,
        roleArns: flags.roleArn,
        organizationRole: flags.orgRole,
        aggregator: flags.aggregator,
        aggregatorRegion: flags.aggregatorRegion,
        resourceTypes: flags.resourceTypes?.length ? flags.resourceTypes : undefined,
        facts: flags.facts,
        endpoint: flags.endpointUrl,
        maxAttempts,
        concurrency,
      }));
    });

  collect
    .command('import')
    .description('Import native export files: AWS Config snapshots (.json/.json.gz) and BatchGetResourceConfig responses, Cloud Asset exports (NDJSON) and listAssets output, Resource Graph results (REST or `az graph query`), Parapet inventories. Folders are read recursively; the format is told per file.')
    .argument('<paths...>', 'files or folders')
    .requiredOption('--out <file>', 'inventory file to write (.json for one JSON document, otherwise NDJSON)')
    .option('--allow-partial', 'exit 0 even when a file could only be read in part')
    .action(async (paths: string[], flags: { out: string; allowPartial?: boolean }) => {
      const { importFiles } = await import('../collectors/import/import.js');
      await collectInto(flags.out, 'import', flags.allowPartial === true, async (writer, progress) => (await importFiles(paths, { emit: (r) => writer.write(r), progress })).sources);
    });

  registerGcp(collect);
  registerAzure(collect);
}
