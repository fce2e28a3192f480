import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { LoginService } from './login.service';
import { PlatformAdminBootstrap } from './platform-admin.bootstrap';

@Module({ controllers: [AuthController], providers: [LoginService, PlatformAdminBootstrap] })
export class LoginModule {}
