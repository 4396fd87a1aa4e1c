package io.parkcredit.sharing;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The sharing pages (DOMAIN.md §10.3); English in {@code messages/share_en.properties}. */
@MessageBundle(value = "share", locale = "zh-CN")
public interface SharingMsg {

    @Message("共享")
    String nav();

    @Message("我的数据共享")
    String navMine();

    @Message("跨园区信用信息共享")
    String title();

    @Message("向其他园区（本平台或受信任的对等平台）申请某企业的数据；企业同意后，持有园区导出签名数据包，本园区导入并记录来源。每一步都记入共享日志，企业可见。")
    String intro();

    @Message("申请企业数据")
    String newRequest();

    @Message("统一社会信用代码")
    String uscc();

    @Message("持有园区代码")
    String holdingPark();

    @Message("持有方平台标识（本平台留空）")
    String holdingInstallation();

    @Message("申请园区代码")
    String receivingPark();

    @Message("用途")
    String purpose();

    @Message("期间自")
    String periodFrom();

    @Message("期间至")
    String periodTo();

    @Message("提交申请")
    String submit();

    @Message("共享请求")
    String requests();

    @Message("暂无请求")
    String noRequests();

    @Message("方向")
    String direction();

    @Message("{#when d}{#is 'OUTBOUND'}本园区申请{#is 'INBOUND'}向本园区申请{/when}")
    String directionName(String d);

    @Message("企业")
    String firm();

    @Message("持有方")
    String holder();

    @Message("申请方")
    String requester();

    @Message("状态")
    String status();

    @Message("{#when s}{#is 'PENDING'}待企业决定{#is 'GRANTED'}企业已同意{#is 'REFUSED'}企业已拒绝{#is 'IMPORTED'}已导入{#is 'DELIVERED'}待导入{#else}{s}{/when}")
    String statusName(String s);

    @Message("授权至")
    String consentUntil();

    @Message("导出并发送")
    String export();

    @Message("已导出的数据包")
    String exports();

    @Message("下载")
    String download();

    @Message("已送达")
    String delivered();

    @Message("未送达")
    String notDelivered();

    @Message("收到的数据包")
    String inbox();

    @Message("暂无数据包")
    String noPackages();

    @Message("来源")
    String source();

    @Message("导入")
    String importNow();

    @Message("{#when m}{#is 'PROSPECT'}新企业，列为本园区招商对象（园区外）{#is 'MERGED'}本园区企业，已合并{#is 'VIEW'}其他园区企业，只读概况{#else}—{/when}")
    String modeName(String m);

    @Message("只读概况已随授权到期")
    String viewExpired();

    @Message("行数")
    String rows();

    @Message("已回执")
    String acknowledged();

    @Message("上传数据包导入")
    String upload();

    @Message("数据包文件（.zip）")
    String file();

    @Message("对等平台")
    String peers();

    @Message("本平台标识")
    String thisInstallation();

    @Message("本平台公钥")
    String publicKey();

    @Message("平台标识")
    String installationId();

    @Message("名称")
    String name();

    @Message("地址")
    String baseUrl();

    @Message("登记对等平台")
    String registerPeer();

    @Message("共享日志")
    String log();

    @Message("暂无记录")
    String noLog();

    @Message("时间")
    String at();

    @Message("事项")
    String event();

    @Message("操作人")
    String actor();

    @Message("从")
    String from();

    @Message("到")
    String to();

    @Message("说明")
    String detail();

    @Message("{#when e}{#is 'REQUESTED'}申请{#is 'CONSENTED'}企业同意{#is 'REFUSED'}企业拒绝{#is 'EXPORTED'}导出{#is 'DELIVERED'}送达{#is 'IMPORTED'}导入{#else}{e}{/when}")
    String eventName(String e);

    @Message("其他园区对本企业数据的申请。只有本企业可以决定：同意时须给出到期日（最长 {days} 天），到期后对方不能再导入。")
    String mineIntro(int days);

    @Message("同意，至")
    String grantUntil();

    @Message("同意")
    String grant();

    @Message("拒绝理由")
    String reason();

    @Message("拒绝")
    String refuse();

    @Message("数据包无法读取：{detail}")
    String sharingPackageMalformed(String detail);

    @Message("来源平台 {installation} 不受信任")
    String sharingSourceUntrusted(String installation);

    @Message("清单签名无效（来源 {installation}），数据包可能被篡改")
    String sharingSignatureInvalid(String installation);

    @Message("文件 {file} 与清单不符，数据包可能被篡改")
    String sharingFileTampered(String file);

    @Message("数据包是发给 {target} 的，不是本园区")
    String sharingWrongTarget(String target);

    @Message("本园区没有对应的申请 {request}")
    String sharingNoRequest(String request);

    @Message("企业授权已于 {expired} 到期")
    String sharingConsentExpired(String expired);

    @Message("导出 {export} 已导入过")
    String sharingAlreadyImported(String export);
}
