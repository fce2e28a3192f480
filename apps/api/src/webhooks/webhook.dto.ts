import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUrl, MaxLength } from 'class-validator';
import { webhookEventTypes } from '@lib/orders';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://shop.example/hooks/deliveries' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: webhookEventTypes, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(webhookEventTypes, { each: true })
  events: string[];
}
