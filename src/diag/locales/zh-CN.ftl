# duechain 的中文消息。每条消息与 en.ftl 中的英文消息 id 相同、变量相同（由测试保证）。

## 人读报告

summary-counts = { $errors } 个错误，{ $warnings } 个警告
more-places = ……另有 { $count } 处，见 `--format json`

## 代码摘要（`duechain explain`）

summary-DC0101 = 文本不符合 DCL 语法
summary-DC0102 = 括号、条件、链或引入嵌套过深，超出编译器的上限
summary-DC0103 = 日期或数字字面量不是有效的值
summary-DC0104 = 规则集混用了英文关键字和中文关键字
summary-DC0201 = 名称指向的内容未声明
summary-DC0202 = 同一名称声明了两次
summary-DC0203 = 条件比较或组合了类型不符的值
summary-DC0204 = 按工作日计算期限，却没有指定日历
summary-DC0205 = 规则集相互引入或细化，形成循环
summary-DC0206 = 日历数据格式有误或自相矛盾
summary-DC0301 = 步骤之间互为先后，形成循环
summary-DC0302 = 上下级关系形成循环
summary-DC0303 = 时限要求相互矛盾，任何办理时间安排都无法同时满足
summary-DC0304 = 步骤没有指定办理主体
summary-DC0305 = 某项职责被违反时，没有追责规则予以追究
summary-DC0306 = 追责规则追究的岗位没有办理任何步骤
summary-DC0307 = 条件永远不可能成立
summary-DC0308 = 后果更严重，处理措施反而更轻
summary-DC0309 = 步骤的办理主体使职责分离无法实现
summary-DC0310 = 处理表在已对应的后果等级之间漏了某一等级
summary-DC0311 = 步骤或追责规则没有引用法条
summary-DC0312 = 两个不同的名称看起来一模一样（Unicode TR39 易混淆字符）
summary-DC0313 = 文本含有双向控制字符，显示出来的内容可能与实际含义不同
summary-DC0401 = 下位规则集删去了上位规则集的步骤或追责规则
summary-DC0402 = 下位规则集要求办理某步骤的情形比上位规则集少
summary-DC0403 = 下位规则集给出的时限比上位规则集长
summary-DC0404 = 下位规则集缩短了上位规则集规定的最短期间或间隔
summary-DC0405 = 下位规则集的处理比上位规则集轻
summary-DC0501 = 案件不是符合案件格式的有效 JSON
summary-DC0502 = 案件提到了规则集中不存在的步骤、人员、岗位或事实
summary-DC0503 = 案件中的值类型错误，或缺少必填字段
summary-DC0504 = 案件中的日期不是 ISO 8601 日期
summary-DC0505 = 按工作日计算超出了日历覆盖的年份
summary-DC0506 = 在办事项的记录中有晚于审查基准日的事件
summary-DC0507 = 案件中须对各项问题承担责任的人员与问题的对应数超过单份结论所能容纳的上限
summary-DC0601 = 日志映射不是符合映射格式的有效 TOML
summary-DC0602 = 日志映射提到了规则集中不存在的程序、步骤、岗位、事实或字段
summary-DC0603 = 无法读取事件日志：记录、时间或取值格式有误
summary-DC0604 = 日志中有映射未覆盖的活动
summary-DC0605 = 日志中同一案件的事件被分隔开了（CSV 的行、XES 的轨迹）
summary-DC0901 = 无法读取文件
summary-DC0902 = 文件不是 UTF-8 文本
summary-DC0903 = 文件超过编译器可接受的大小
summary-DC0904 = 引入的文件超出了项目根目录
summary-DC0905 = 无法写出输出
summary-DC0906 = 本次运行没有找到可检查、可评估或可测试的内容
summary-DC0907 = 确认（bless）会把错误记录为案件的预期结论
summary-DC0908 = 命令需要的外部程序未安装或运行失败
summary-DC0909 = 系统无法提供命令所需的资源：网络地址、工作线程或正在运行的服务
summary-DC0910 = 编辑器发给语言服务器的消息不合协议：格式错误、被截断或过长
summary-DC0911 = 服务拒绝请求：没有令牌或令牌的范围不及于此，服务没有该路径、方法或查询参数，服务未存有该事项或事项已办结，请求体过大或传送过慢

## 静态检查（DC03xx）

dead-condition = 步骤 `{ $step }` 的{ $clause ->
        [required] “必须”
        [forbidden] “禁止”
       *[other] `{ $clause }`
    }条件永远不可能成立
dead-condition-label = 对任何案件都不成立
dead-condition-help = 没有任何事实组合能满足它；请检查比较条件以及“且”“非”（`and`/`not`）的用法
precedence-cycle = 步骤之间互相等待，形成循环：{ $cycle }
precedence-cycle-label = `{ $step }` 须在 `{ $before }` 之后
precedence-cycle-help = 删去其中一个“后于”（`after`）子句：循环中的步骤永远无法开始
reports-to-cycle = 岗位之间互为上级，形成循环：{ $cycle }
reports-to-cycle-label = `{ $role }` 的上级为 `{ $to }`
reports-to-cycle-help = 上下级链条必须终止于一个没有上级的岗位
no-responsible-role = 步骤 `{ $step }` 没有指定办理主体
no-responsible-role-label = 缺少“由”（`by`）子句
no-responsible-role-help = 添加“由 岗位”（`by ROLE`），写明负责办理本步骤的岗位
unenforced-duty = 步骤 `{ $step }` 出现 { $kinds } 情形时，没有追责规则予以追究
unenforced-duty-label = 职责没有相应后果
unenforced-duty-help = 添加一条追责规则：`on { $kinds } of { $step }`（中文写作“针对 … 于 { $step }”）
unused-liable-role = 追责规则 `{ $rule }` 追究 `{ $role }`，但没有步骤由该岗位办理，也没有岗位以它为上级
unused-liable-role-label = 该岗位
unused-liable-role-help = 在某个步骤的“由”（`by`）中写明该岗位，或改为追究实际办理的岗位
missing-cite = { $what } `{ $name }` 没有引用法条
missing-cite-label = 缺少“引用”（`cite`）
missing-cite-help = 添加“引用 "第N条"”（`cite "Art. N"`），写明该职责或追责规则所依据的条文
confusable-names = { $what } `{ $name }` 与{ $other_what } `{ $other }` 看起来一样，却是不同的名称
confusable-names-this = 这个名称
confusable-names-that = 与这个名称看起来一样
confusable-names-help = 改掉其中一个名称，或用相同的字符书写二者（`{ $name }` 是 { $spelled }；`{ $other }` 是 { $other_spelled }）
non-monotone-penalty = 追责规则 `{ $rule }` 对“{ $level }”后果的处理比对“{ $lesser }”后果的处理还轻
non-monotone-penalty-this = “{ $level }”对应 { $measure }
non-monotone-penalty-lesser = 较轻后果对应 { $measure }
non-monotone-penalty-help = 调整处理表，使处理措施随后果加重而不减轻
penalty-gap = 追责规则 `{ $rule }` 对较轻和较重的后果都规定了措施，唯独没有规定“{ $level }”后果的措施
penalty-gap-label = 缺少“{ $level }”一项
penalty-gap-help = 添加 `{ $level } -> 措施`（法律未规定处理的，写 `{ $level } -> 不予处理`）
separated-from-itself = 岗位 `{ $role }` 被要求与自身分离
separated-from-itself-label = 没有人能担任这个岗位
separated-from-itself-help = 写明两个不同的岗位
impossible-separation = 步骤 `{ $step }` 可由 `{ $a }` 或 `{ $b }` 办理，而这两个岗位必须分离
impossible-separation-both = 两个须分离的岗位
impossible-separation-here = 在此要求分离
impossible-separation-help = 只让其中一个岗位办理该步骤

## 名称（DC0201、DC0202、DC0204、DC0602）

thing-role = 岗位
thing-step = 步骤
thing-fact = 事实
thing-rule = 追责规则
thing-procedure = 程序
thing-calendar = 日历
thing-ladder = 处理阶梯
thing-measure = 措施
thing-field = 记录字段
thing-value = 取值
thing-person = 人员
unknown-name = 未声明的{ $what } `{ $name }`
unknown-name-label = 没有叫这个名称的{ $what }
did-you-mean = 是不是指 `{ $candidate }`？
none-declared = 尚未声明任何{ $what }；请先声明 `{ $name }`
known-names = 已声明的{ $what }：{ $list }
declare-or-check = 请声明{ $what } `{ $name }`，或检查拼写
declared-twice = { $what } `{ $name }` 声明了两次
declared-again-here = 在此再次声明
first-declared-here = 在此首次声明
declared-twice-help = 改掉其中一个名称，或删去重复的声明；每个{ $what }的名称必须唯一
missing-calendar = 程序 `{ $procedure }` 按工作日计算期限，却没有指定日历
missing-calendar-here = 在此按工作日计算
missing-calendar-procedure = 该程序
missing-calendar-help = 在程序开头添加“日历 名称”（`calendar NAME`），指定一个已声明的日历
mapping-unknown-name = 规则集中没有{ $what } `{ $name }`
named-here = 在此提到

## 语法（DC0101）

syntax-expected = 此处应为 { $expected_words }，实际为 { $found_words }
syntax-unexpected = 此处不应出现 { $found_words }
syntax-unexpected-here = 此处有误
syntax-help = 规则集的写法见 `duechain explain DC0101`
token-comparison = 比较运算符
token-plus-minus = `+` 或 `-`
token-name = 名称
token-string = 用引号括起的文字
token-date = 日期（YYYY-MM-DD）
token-number = 数字
token-amount = 金额
token-signed = 带符号的数字，如 `+1`
token-kind = 违规情形（缺失、逾期、过短……）
token-grade = 责任类型（直接责任、主要领导责任、重要领导责任）
token-level = 后果等级（无、较轻、较重、严重）
token-unit = `日`、`工作日`、`个月` 或 `年`
token-eof = 文件结尾
token-condition = 条件
token-type = 类型
token-control = 控制字符 { $code }
token-rule = { $code ->
        [header_field] 规则集头部字段（版本、施行日期、来源、参考案例……）
        [guard] 适用条件（当、除非、自、至，英文关键字为 when、unless、since、until）
        [persons] 责任主体（角色、行为人、上级领导或某个字段）
        [person_atom] 责任主体（角色、行为人、上级领导或某个字段）
        [bound] 至少（at least）或至多（at most）
        [target] 要细化的规则集（路径或 `std:名称`）
        [duration] 期限（如 20 个工作日）
        [literal] 一个取值
        [item] 一项声明（角色、事实、程序、追责规则……）
        [clause] 步骤的一项条款
        [anchor] 一个步骤，或某步骤的开始/结束
       *[other] 规则集的一个部分（`{ $code }`）
    }

## 时限（DC0303）

unit-days = 日
unit-workdays = 个工作日
unit-months = 个月
unit-years = 年
infeasible-timing = 这些时限要求不可能同时满足：合起来需要比允许的多出 { $excess } { $space ->
        [days] 日
       *[workdays] 个工作日
    }
infeasible-timing-help = 延长这一环上的某个期限，或缩短某个最短期间
constraint-ends-after-start = `{ $step }` 的结束不早于开始
constraint-after = `{ $step }` 在 `{ $before }` 结束后开始
constraint-within = `{ $step }` 须在 `{ $anchor }` 后 { $amount }{ $unit }内结束
constraint-gap = `{ $step }` 须在 `{ $anchor }` 后至少 { $amount }{ $unit }才开始
constraint-lasts-at-least = `{ $step }` 至少持续 { $amount }{ $unit }
constraint-lasts-at-most = `{ $step }` 至多持续 { $amount }{ $unit }

## 读取规则集（DC0102、DC0103、DC0104、DC0313、DC0903）

number-too-large = 数字 `{ $number }` 太大
number-too-large-32 = 大于 4294967295
number-too-large-32-help = 期限、次数和期间须在 32 位整数范围内
number-too-large-64 = 超出 64 位整数范围
shift-too-large = 档次调整 `{ $shift }` 太大
out-of-range = 超出范围
clause-not-read = 无法读取这一子句
clause-not-read-label = 无法理解
bug-help = 这是 duechain 的缺陷：请连同这份规则集一起报告
chain-too-long = 连续 { $count } 个{ $chain ->
        [leader_of] “上级领导”（`leader of`）
        [not] “非”（`not`）
       *[terms] 算术项
    }，超过上限 { $limit }
too-deep-here = 在此嵌套过深
too-deep = 嵌套过深
too-deep-help = 简化条件，或把它拆成几个有名称的事实
condition-too-deep = 条件嵌套了 { $depth } 层，最多只能 { $limit } 层
brackets-too-deep = 括号嵌套超过 { $limit } 层
rulebook-too-large = 规则集有 { $size } 字节，超过上限 { $limit } 字节
this-file = 该文件
rulebook-too-large-help = 把规则集拆成几个文件，用“引入”（`import`）连接
bidi-control = 双向控制字符（{ $character }）会改变文本的显示顺序
bidi-control-label = 此处有不可见的重排
bidi-control-help = 删除它：规则集显示出来的内容必须与书写的一致
mixed-keywords = 本规则集使用{ $set ->
        [zh] 中文
       *[en] 英文
    }关键字，`{ $word }` 却是另一套关键字
mixed-keywords-label = 另一套关键字
mixed-keywords-help = 改写为 `{ $other }`，或用 `duechain fmt --keywords { $set }` 转换整个文件

## 类型（DC0203）

type-bool = 布尔
type-int = 整数
type-money = 金额
type-date = 日期
type-text = 文本
type-person = 人员
type-persons = 人员名单
this-is = 这是{ $ty }
need-aggregate = `{ $op }` 需要数字、金额或（最小、最大时）日期，实际为{ $ty }
need-persons-field = `计数` 需要人员名单字段，实际为{ $ty }
need-not-condition = “非”（`not`）后面需要条件，实际为{ $ty }
need-joins-conditions = `{ $op }` 连接的须是条件，实际为{ $ty }
need-orders = `{ $op }` 比较的须是数字、金额或日期，实际为{ $ty }
need-arithmetic = `{ $op }` 只能用于数字和金额，实际为{ $ty }
not-a-condition = 条件必须为真或假，这里却是{ $ty }
not-a-condition-label = 不是条件
not-a-condition-help = 把它与某个值比较，例如 `金额 > 1000000.00`
default-type = 默认值必须是{ $ty }类型的常量
invalid-amount = `{ $amount }` 不是有效的金额
invalid-amount-label = 无效金额
invalid-date = 无效日期
not-a-value = `{ $name }` 不是 `{ $fact }` 的取值
unknown-value = 未知的取值
not-declared = 未声明
count-outside-ensure = `计数` 统计的是步骤的办理次数，或记录字段中的人数（只有“确保”（`ensure`）中才能使用记录字段）
count-outside-ensure-label = 不在“确保”（`ensure`）中
cannot-look-for = 不能在{ $among_ty }中查找{ $ty }
no-such-field = 步骤 `{ $step }` 没有记录字段 `{ $field }`
not-recorded = 未记录
cannot-combine = 不能把{ $ty }与{ $other_ty }组合
cannot-combine-help = 两边必须是同一类型

## 文件、引入与日历（DC0205、DC0206、DC09xx）

thing-rulebook = 规则集
file-too-large = `{ $file }` 超过可接受的 { $limit } 字节
not-utf8 = `{ $file }` 不是 UTF-8 文本
invalid-byte = 第 { $offset } 字节无效
not-utf8-help = 请把规则集保存为 UTF-8 编码
cannot-read = 无法读取 `{ $file }`：{ $reason_words }
one-superior = 一个规则集只能细化一个上位规则集
second-refine = 第二个“细化”（`refine`）
calendar-unusable = 无法使用该日历文件
here = 此处
not-calendar-data = `{ $file }` 不是日历数据：{ $reason }
loaded-here = 在此载入
calendar-format-help = 日历文件的格式见 `duechain explain DC0206`
no-standard = 没有名为 `{ $name }` 的标准{ $what }
not-a-standard-name = 不是标准名称
standard-names = 标准{ $what }有：{ $list }
imports-too-deep = 引入和细化嵌套超过 { $limit } 层
one-level-too-deep = 多了一层
imports-too-deep-help = 把共用的声明放到层级更少的文件中引入
import-cycle = `{ $file }` 经引入又回到自身：{ $cycle }
closes-the-cycle = 在此形成循环
import-cycle-help = 把两个规则集都需要的内容移到第三个文件，再由二者分别引入
outside-root = `{ $file }` 在项目根目录之外
leaves-the-root = 超出根目录
outside-root-help = 引入的文件须在项目根目录之内（当前目录，或 `--root DIR` 指定的目录）

## 声明（DC0202、DC0203、DC0206）

fact-cannot-hold-people = 事实不能保存人员
fact-cannot-hold-people-label = 人员由步骤记录
fact-cannot-hold-people-help = 在步骤中记录人员：`记录 出席人员: 人员名单`
value-listed-twice = 取值 `{ $value }` 列出了两次
repeated = 重复
calendar-invalid = 日历 `{ $calendar }` 无效：{ $reason }
declared-here = 在此声明
measure-twice = 措施 `{ $measure }` 在 `{ $ladder }` 中声明了两次
limit-not-date = 期限须从某个步骤或日期起算，但 `{ $name }` 不是日期型事实
not-a-date = 不是日期
field-twice = 字段 `{ $field }` 记录了两次
length-not-int = 期限长度须为数字，但 `{ $name }` 不是整数型事实
not-an-int = 不是整数
only-deadline-from-fact = 只有期限的长度可以取自事实，这里不行（`{ $name }`）
write-a-number = 请写明天数
only-deadline-from-fact-help = 最短期间、间隔和延长期限由规则集确定
rule-answers-itself = 追责规则 `{ $rule }` 不能追究它自己的认定
refers-to-itself = 指向自身
not-recorded-by-step = 该步骤没有记录它
field-not-people = 字段 `{ $field }` 不是人员名单
field-not-people-label = 类型不是 `人员` 或 `人员名单`

## 细化（DC04xx）

dropped-step = 删去了上位规则集 `{ $superior }` 的步骤 `{ $step }`
this-rulebook = 本规则集
required-by-superior = 上位规则集在此要求
dropped-step-help = 保留步骤 `{ $step }`：下位规则集可以增加职责，不得删减（下位法不得与上位法相抵触）
dropped-rule = 删去了上位规则集的追责规则 `{ $rule }`
superiors-rule = 上位规则集的追责规则
dropped-liable = 追责规则 `{ $rule }` 不再追究上位规则集按“{ $grade }”追究的人员
refined-here = 在此细化
liable-under-superior = 上位规则集追究的人员
dropped-measures = 追责规则 `{ $rule }` 删去了上位规则集在 `{ $ladder }` 上的处理措施
superiors-measures = 上位规则集的处理措施
lighter-measures = 追责规则 `{ $rule }` 对 { $levels } 后果在 `{ $ladder }` 上的处理比上位规则集轻
lighter-here = 在此减轻
lighter-measures-help = 下位规则集可以加重处理措施，不得减轻
weaker-here = 在此放宽
superiors-duty = 上位规则集的职责
no-longer = 步骤 `{ $step }` 不再{ $clause ->
        [required] 必须办理
       *[forbidden] 被禁止
    }
fewer-cases = 步骤 `{ $step }` { $clause ->
        [required] 必须办理
       *[forbidden] 被禁止
    }的情形比上位规则集少
fewer-dates = 步骤 `{ $step }` 必须办理的时段比上位规则集短
no-longer-after = 步骤 `{ $step }` 不再须在 `{ $before }` 之后办理
dropped-deadline = 步骤 `{ $step }` 删去了 `{ $anchor }` 之后的时限
no-such-deadline = 此处没有该时限
superiors-deadline = 上位规则集的时限
deadline-fewer-cases = 步骤 `{ $step }` 在 `{ $anchor }` 之后的时限适用的情形比上位规则集少
more-time = 步骤 `{ $step }` 在 `{ $anchor }` 之后允许的时间比上位规则集长
longer-here = 在此延长
superiors-limit = 上位规则集的时限
shorter-here = 在此缩短
superiors-minimum = 上位规则集的最短要求
dropped-gap = 步骤 `{ $step }` 删去了 `{ $anchor }` 之后的最短间隔
gap-fewer-cases = 步骤 `{ $step }` 在 `{ $anchor }` 之后的最短间隔适用的情形比上位规则集少
waits-less = 步骤 `{ $step }` 在 `{ $anchor }` 之后等待的时间比上位规则集短
dropped-minimum = 步骤 `{ $step }` 删去了最短期间
minimum-fewer-cases = 步骤 `{ $step }` 的最短期间适用的情形比上位规则集少
lasts-less = 步骤 `{ $step }` 持续的时间可能短于上位规则集的最短期间
lasts-longer = 步骤 `{ $step }` 持续的时间可能超过上位规则集允许的上限
superiors-maximum = 上位规则集的上限
occurs-more = 步骤 `{ $step }` 办理的次数可能多于上位规则集允许的次数
occurs-less = 步骤 `{ $step }` 办理的次数可能少于上位规则集要求的次数

## 词汇

grade-direct = 直接责任
grade-main_leadership = 主要领导责任
grade-important_leadership = 重要领导责任
level-none = 无
level-minor = 较轻
level-major = 较重
level-severe = 严重

## 日志映射（DC06xx）

mapping-help = 见 `duechain explain DC0601` 和 `duechain schema mapping`
mapping-name-procedure = 规则集有多个程序：映射必须指定其中一个
mapping-name-procedure-label = 在此添加 `procedure = "程序名"`
not-a-zone = `{ $zone }` 不是时区
not-a-zone-help = 写一个 IANA 时区名，例如 "Asia/Shanghai"
no-step-records = 程序中没有步骤记录字段 `{ $field }`

## 人读审查结论（`eval`、`status`）

v-error = 错误[{ $code }]
v-line = 第 { $line } 行：
v-case-prefix = 案件 { $case }：
v-at-path = （位置 `{ $path }`）
v-pending = 待办
v-of-holder = （`{ $holder }`）
v-due-workdays = { $due } 到期（尚余 { $left } 个工作日）
v-due-days = { $due } 到期（尚余 { $left } 日）
v-no-limit = 尚未开始计时
v-counted-from = ，自 `{ $step }` 起算
v-case = 案件 { $case }{ $title }
v-rulebook = 规则集 { $rulebook }{ $version }，程序 { $procedure }
v-open = 在办事项，审查基准日 { $as_of }
v-verdict = 结论：
v-none-broken = 目前没有违反职责
v-pending-count = { $count } 项职责待办
v-compliant = 合规——所有应履行的职责均已履行
v-violations = 存在违规
v-violation-counts = { $findings } 项认定，{ $entries } 条责任（{ $exempt } 条免责）
v-warning = 提示：
v-findings = 认定
v-because = 依据事实：{ $facts }
v-events = 相关事件：{ $events }
v-liability = 责任
v-exempt = 免责
v-months = ，{ $months } 个月
v-col-person = 人员
v-col-role = 岗位
v-col-grade = 责任类型
v-col-rule = 追责规则
v-col-measures = 处理措施
v-exempt-reason = 免责：{ $reason }
v-reduced = 从轻 { $by } 档：{ $reason }
v-trace = 追责链：{ $trace }{ $cite }
v-combined = 每人合并后的处理措施
v-trace-title = 评估过程
s-case = 案件 { $case } · { $state ->
        [closed] 已办结
       *[open] 在办
    }，审查基准日 { $as_of }
s-col-step = 步骤
s-col-state = 状态
s-col-level = 预警
s-col-due = 到期日
s-col-left = 剩余
s-col-liable = 责任人
s-state = { $state ->
        [done] 已办
        [violated] 违规
        [pending] 待办
        [not_triggered] 未触发
       *[not_applicable] 不适用
    }
s-level = { $level ->
        [red] 红色
        [yellow] 黄色
       *[green] 绿色
    }

## 人读认定（中文由认定的类型和明细组成）

finding = { $kind ->
        [missing] `{ $step }` 应当办理而未办理
        [late] `{ $step }` 超过期限 { $deadline } 才办结
        [too_short] `{ $step }` 只持续了 { $took }{ $unit }，少于规定的 { $limit }{ $unit }
        [too_soon] `{ $step }` 早于 { $earliest } 开始
        [out_of_order] `{ $step }` 在 `{ $after }` 结束之前就开始了
        [wrong_actor] `{ $step }` 由 `{ $actor }` 办理，其不担任 { $roles } 中的任何岗位
        [separation] `{ $step }` 由 `{ $actor }` 以须分离的岗位（{ $roles }）同时办理
        [quorum] `{ $step }` 不满足其条件：{ $condition }
        [occurrence] `{ $step }` 办理了 { $count } 次，不符合规定
        [forbidden] `{ $step }` 在禁止的情形下办理
       *[unprepared] `{ $step }` 办理前未经其须先办理的 `{ $after }`
    }{ $holder ->
        [none] {""}
       *[other] （应由 `{ $holder }` 办理）
    }

## 案件（DC05xx）

case-name-procedure = 缺少字段 `procedure`：规则集有多个程序
person-twice = 人员 `{ $person }` 列出了两次
ends-before-start = 事件的结束（{ $end }）早于开始（{ $start }）
not-a-level = `{ $value }` 不是后果等级（无、较轻、较重、严重）

## 命令行

plain = { $text }
cannot-render-man = 无法生成手册页：{ $reason }
report-bug = 请作为缺陷报告
empty-run = { $missing ->
        [no-rulebook] 没有找到规则集（`*.dcl`）
        [no-case] 没有读到案件：所有输入都是空的
        [no-matter] 日志中没有找到事项
       *[no-reference-case] 没有运行任何参考案例（“案例”（`cases "DIR"`）目录中没有匹配的 `*.json` 案件）
    }（查找位置：{ $place }）
empty-run-help = 检查路径（以及规则集的“案例”行），或在确实允许为空时加上 `--allow-empty`
cannot-write-output = 无法写出输出：{ $reason }
cannot-write-output-help = 确认输出写到了能容纳它的文件或管道（磁盘空间、权限）
cannot-write = 无法写入 `{ $file }`：{ $reason }
cannot-write-help = 检查目录权限和磁盘空间
cases-not-dir = “案例”指定的参考案例 `{ $dir }` 不是目录
cases-not-dir-help = “案例”（`cases "DIR"`）相对于规则集；请检查拼写
cases-outside-root = 参考案例 `{ $dir }` 在项目根目录之外
cases-outside-root-help = 把规则集的案例放在项目根目录之内（当前目录，或 `--root DIR` 指定的目录）
case-file-help = 参考案例须为不超过 16 MiB 的 UTF-8 JSON 文件
bless-invalid = 案件 `{ $case }` 无法审查，因此不确认其错误记录
bless-invalid-help = 改正案件；如果案件本来就是无效输入的示例，用 `--allow-invalid` 确认一次
not-a-code = `{ $code }` 不是 duechain 的诊断代码
not-a-code-help = `duechain explain` 列出全部代码
name-a-procedure = 请写规则集中声明的程序
missing-dot-help = 安装 Graphviz（Debian：`apt-get install graphviz fonts-noto-cjk`），或写出 `--format dot` 后在别处绘制
db-serve-help = 给 `--db` 一个服务可以创建和写入的文件，或一个可以连接的 PostgreSQL URL
cannot-listen = 无法监听 `{ $address }`：{ $reason }
listen-help = 换一个地址或端口（`--listen 127.0.0.1:8080`）
db-token-help = 给 `--db` 服务所用的文件或 PostgreSQL URL

## The chain that reached a liable person, and how measures combined
link-finding = 认定 #{ $index }：`{ $step }` { $kind }
link-performed = `{ $step }` 由 `{ $person }` 办理
link-duty = `{ $step }` 是 `{ $role }` 的职责
link-held = `{ $person }` 担任 `{ $role }`
link-answers = `{ $role }` 对 `{ $step }` 负责
link-reports-to = `{ $from }` 的上级是 `{ $to }`
link-superior = `{ $person }` 是 `{ $of }` 的直接上级
link-holder = 每位 `{ $role }` 都应办理 `{ $step }`；`{ $person }` 未办理
link-listed = `{ $person }` 列于 `{ $step }` 的 `{ $field }`（事件 { $event }）
combined-single = 仅一项措施
combined-heaviest = 从重适用
combined-summed = 从重适用；{ $count } 个同等期间合并计算
combined-capped = 从重适用；{ $count } 个同等期间合并计算，以 { $cap } 个月为限
v-no-measure = 免予处分
v-combined-entry = { $person }：{ $ladder } { $measure }（{ $rule }）
date-not-iso = `{ $text }` 不是 ISO 8601 日期（YYYY-MM-DD）
date-invalid = `{ $text }` 不是有效日期

## Case errors the validator and the evaluator find
outside-calendar = 计算到 { $day }，超出日历覆盖的年份
outside-calendar-from = 自 `{ $name }`（{ $from }）起算到 { $day }，超出日历覆盖的年份
missing-fact = 缺少事实 `{ $name }`，{ $need ->
        [rule] 追责规则需要它
        [limit-from] 时限自它起算
        [limit-sets] 它决定时限
       *[condition] 规则集的条件需要它
    }
unevaluable = 条件无法求值
missing-consequence = 缺少 `outcome.consequence`，按追责规则 `{ $rule }` 定档需要它（或在规则集中声明 `consequence default`）
missing-closed = 缺少字段 `closed`：案件未载明事项是否已办结，规则集也未声明 `closed default`
not-a-kind = `{ $text }` 不是问题类型（missing、late、too_short……）
expected-found = 应为{ $want ->
        [bool] 布尔值（true 或 false）
        [int] 整数
        [amount] 金额
        [date] 日期字符串
        [enum] 该枚举的取值（字符串）
       *[string] 字符串
    }，实为{ $found ->
        [null] null
        [bool] 布尔值
        [number] 数字
        [string] 字符串
        [list] 列表
       *[object] 对象
    }
not-an-amount = `{ $text }` 不是金额
not-a-fact-value = `{ $text }` 不是该事实的取值
after-as-of = 事件开始于 { $start }，晚于审查基准日 { $as_of }
liability-too-large = 按规则须对问题承担责任的“人员—问题”对应超过 { $limit } 个（每人每项问题，按每条规则和条款分别计数）：不生成结论
liability-too-large-help = 真实事项远低于此上限；记录中成千上万人对应成千上万项问题，说明记录已损坏或为恶意构造：请检查记录字段列出的人员和重复出现的问题

## A case's JSON as serde_json reads it (the English is serde_json's own)
json-where = { $what }（第 { $line } 行第 { $column } 列）
json-at = 位置：第 { $line } 行第 { $column } 列
json-invalid-type = 类型不符：应为{ $expected_kind ->
        [string] 字符串
        [object] 对象
        [boolean] 布尔值
        [list] 列表
        [count] 非负整数
        [priors] 既往违规次数或带日期的违规列表
       *[other] { $expected }
    }，实为{ $found_kind ->
        [integer] 整数
        [string] 字符串
        [boolean] 布尔值
        [floating] 小数
        [map] 对象
        [sequence] 列表
        [null] null
       *[other] { $found_kind }
    }{ $value }
json-missing-field = 缺少字段 `{ $field }`
json-unknown-field = 未知字段 { $field }；{ $count ->
        [0] 此处不允许任何字段
       *[other] 允许的字段：{ $names }
    }
json-duplicate = 重复的键 `{ $key }`
json-syntax = JSON 语法错误：{ $problem ->
        [eof-value] 值未写完文本就结束了
        [eof-string] 字符串未写完文本就结束了
        [eof-list] 列表未写完文本就结束了
        [eof-object] 对象未写完文本就结束了
        [value] 此处应为一个值
        [comma-brace] 此处应为 `,` 或 `{ "}" }`
        [comma-bracket] 此处应为 `,` 或 `]`
        [colon] 此处应为 `:`
        [key] 对象的键必须是字符串
        [trailing] 案件之后还有多余的文本
        [trailing-comma] 多余的逗号
        [number] 数字格式无效
        [range] 数字超出范围
        [escape] 转义序列无效
        [unicode] Unicode 码位无效
        [surrogate] 孤立的 Unicode 代理项
        [control] 字符串中有控制字符（\u0000-\u001F）
        [recursion] 嵌套层数超过上限
       *[other] { $text }
    }

## The command line's counts
eval-counts = 共 { $total } 件：合规 { $compliant } 件，违规 { $violating } 件，无法评判 { $invalid } 件
test-counts = { $name }：{ $total } 个案例，通过 { $passed } 个
import-counts = 已导入 { $cases } 件，错误 { $errors } 个
test-totals = 通过 { $passed } 个，失败 { $failed } 个
test-coverage = 步骤与追责规则覆盖率：{ $percent }%

## A verdict's warnings
warn-provisional = 工作日计算到 { $day }，该年度的放假安排通知尚未发布：其法定节假日按《全国年节及纪念日放假办法》推算，通知仍可能调整调休日（`--strict-calendar` 则拒绝计算）
warn-unrecorded = 事件 { $events } 未记录办理人：未判断由谁办理，其责任由该步骤所属岗位的人员承担

## Reading an event log (DC0603, DC0604, DC0605)
log-unreadable = 无法读取日志：{ $reason }
log-not-xml = 日志不是合法的 XML：{ $reason }
log-not-csv = 日志不是合法的 CSV：{ $reason }
log-not-ocel = 日志不是合法的 OCEL 2.0 { $form ->
        [sqlite] SQLite 数据库
       *[json] JSON
    }：{ $reason }
log-sqlite-stream = OCEL SQLite 日志是数据库文件，不能作为数据流读取
log-needs-object-type = 读取 OCEL 日志需要 `log.object_type`：以哪一类对象作为事项
log-ends-in-trace = 日志在某条轨迹（trace）中途结束
log-whole-too-large = OCEL 2.0 JSON 日志须整体读入，而该日志超过 { $limit } 字节（OCEL SQLite 日志无此限制）
log-copies-too-large = 该 OCEL 2.0 日志的事件复制到其关联的各事项后超过 { $limit } 字节
log-matter-too-large = 某一事项在日志中超过 { $limit } 字节：日志其余部分不再读取
log-matter-too-large-help = 日志中单个事项的大小与单个 JSON 案件同样受限；如此大的事项说明日志已损坏（某个值未闭合、全部事件同属一个案件编号）或为恶意构造
log-trace-no-id = 该轨迹没有作为案件编号的 `{ $key }` 属性
log-not-encoded = 该行含有不属于 { $encoding } 编码的字节：日志按映射文件指定的编码读取，不合该编码的字节一律拒绝，不作替换
log-not-encoded-help = 中文 Windows 版 Excel 保存的 CSV 文件通常为 GBK 编码：请在映射文件的 `[log]` 下设置 `encoding = "gbk"`（或另存为“CSV UTF-8”）
csv-column-twice = 表头中列名 `{ $column }` 出现两次，而映射文件要读取该列：无法判断所指哪一列（请在导出表中将其中一列改名）
log-key-twice = 此处属性 `{ $key }` 出现两次：无法判断所指哪个值
xes-trace-twice = 此前已有案件编号为 `{ $case }` 的轨迹：一件事项的事件应在同一轨迹中，故本轨迹不予判定，先前为 `{ $case }` 输出的记录只含那条轨迹的事件（请将两条轨迹合并）
ocel-object-twice = 类型为 `{ $kind }` 的对象 `{ $id }` 被列出不止一次：无法判断以哪一条的属性为准，故该事项不予判定
csv-delimiter = 分隔符 `{ $delimiter }` 不是单个 ASCII 字符
mapping-empty-key = 没有指明列或属性（名称为空）
mapping-empty-key-help = 按日志中的写法给出列名或属性名，或删去此键以取其默认值
csv-no-id-column = 表头中没有作为案件编号的列 `{ $key }`（请设置 `case.id`）
csv-width = 该行有 { $len } 个字段，表头有 { $expected } 个
csv-no-case-id = 该行没有案件编号
csv-not-grouped = 案件 `{ $case }` 的各行不相邻：日志未按案件分组，先前为 `{ $case }` 输出的记录只含其前几行，日志其余部分不再读取（设置 `log.grouped = false` 可整体读取）
event-no-activity = 该事件没有活动名称
event-no-time = 该事件没有时间
activity-unmapped = 活动 `{ $activity }` 不在映射文件的 `activities` 表中（把 `unmapped` 设为 "ignore" 或 {"{"} step = "NAME" {"}"} 即可接受）
time-in-zone = `{ $text }` 不是有效时间：{ $reason }
time-by-format = `{ $text }` 不符合时间格式 `{ $format }`：{ $reason }
time-not-iso = `{ $text }` 不是 ISO 8601 时间（其他写法请设置 `time.format`）
log-no-role = 规则集中没有角色 `{ $role }`
log-not-in-values = `{ $text }` 不在映射文件为事实 `{ $name }` 给出的取值中（{ $known }）
log-not-bool = `{ $text }` 不是 true 或 false（请在映射文件中给出 `values` 表）
log-not-int = `{ $text }` 不是整数

## Reading a batch of cases (DC0501, DC0901)
input-too-large = `{ $name }` 超过 { $limit } 字节
input-not-utf8 = `{ $name }` 不是 UTF-8 文本（偏移 { $offset } 处字节无效）
line-endless = { $limit } 字节内没有换行：该输入的其余部分不再读取
line-too-long = 该行超过 { $limit } 字节
line-not-utf8 = 该行不是 UTF-8 文本（第 { $column } 列字节无效）

## The test runner (`duechain test`)
test-changed = { $path }：预期 { $expected }，实际 { $got }
test-gone = { $path }：预期 { $expected }，实际缺失
test-added = { $path }：预期缺失，实际 { $got }
test-expected-not-json = 预期裁决不是合法的 JSON：{ $reason }
test-fail-no-expectation = 未通过 { $suite } · { $case }：`{ $file }` 处没有预期裁决（运行 `duechain test --bless` 生成）
test-fail-changed = 未通过 { $suite } · { $case }：裁决已变化（预期 → 现在）
test-fail-orphan = 未通过 { $suite } · { $case }：`expected/{ $case }.json` 没有对应的案例 `{ $case }.json`（删除它，或恢复该案例）
test-rulebook-errors = { $suite }：规则集有错误
test-no-cases = { $suite }：没有参考案例（在规则集头部写明 `cases "目录"` 或 `案例 "目录"`）
test-coverage-below = 覆盖率 { $percent }% 低于要求的 { $min }%
test-blessed = 已写入预期裁决 { $file }
coverage-dimension = { $dimension ->
        [steps] 步骤
        [kinds] 问题类型
       *[rules] 追责规则
    }
coverage-missed = 未覆盖：{ $list }
file-too-large = `{ $file }` 超过 { $limit } 字节
mapping-no-rulebook = 没有规则集：请用 `--rulebook` 指定，或在映射文件中写明（`rulebook = "…"`）

## The language server's input (DC0910)
lsp-frame-io = 无法读取第 { $n } 条消息：{ $reason }
lsp-frame-truncated = 输入在第 { $n } 条消息中途结束
lsp-frame-header = 第 { $n } 条消息：有一行报头在 { $limit } 字节内不是 `Name: value`：{ $line }
lsp-frame-no-length = 第 { $n } 条消息：报头结束时没有 Content-Length
lsp-frame-too-large = 第 { $n } 条消息：Content-Length { $length } 不是不超过 { $limit } 字节的长度
lsp-frame-not-message = 第 { $n } 条消息不是 JSON-RPC 消息：{ $reason }
lsp-no-exit = 输入在第 { $n } 条消息前结束，未收到 `exit` 通知
lsp-frame-help = 编辑器（或它与 `duechain lsp` 之间的程序）发送了不合协议的消息：请在编辑器中重启语言服务器；如反复出现，请向编辑器报告此故障

## The system's refusals (DC0909)
cannot-start-threads = 无法启动工作线程：{ $reason }
cannot-start-service = 无法启动服务：{ $reason }
lsp-stopped = 语言服务器已停止：{ $reason }
system-help = 释放原因中所说的资源（内存、线程、连接）后再运行一次
dot-cannot-run = 无法运行 Graphviz 的 `dot`：{ $reason }
dot-failed = Graphviz 的 `dot` 运行失败：{ $reason }
dot-not-utf8 = Graphviz 的 `dot` 输出的不是 UTF-8：{ $reason }
own-layout = 提示：{ $reason }；流程图改用 duechain 自带的布局绘制
root-not-dir = 项目根目录 `{ $dir }` 不是目录
root-not-dir-help = 请给 `--root` 指定一个存在的、存放规则集的目录
mapping-toml = 映射文件不是合法的 TOML：{ $reason }
token-no-such-file = 文件不存在
token-permission-denied = 没有权限
token-is-a-directory = 它是一个目录
token-not-regular = 它不是普通文件（而是管道、设备或套接字）

## Calendar data (DC0206)
cal-provisional-last = `provisional { $from } .. { $to }` 必须是 `covers { $first } .. { $last }` 中最后的若干年
cal-derive-range = 只能推算 { $first } 至 { $last } 年的法定节假日，不能推算 { $year } 年
cal-year-unlisted = `covers { $first } .. { $last }` 包含 { $year } 年，但没有列出 { $year } 年的任何节假日；请补上该年的放假通知，或缩小 `covers`
cal-not-zone = `{ $zone }` 不是时区（例如 "Asia/Shanghai"）
cal-covers-range = `covers { $first } .. { $last }` 不是 1900 至 2200 之间的年份范围
cal-not-weekday = `{ $day }` 不是星期几（mon、tue、wed、thu、fri、sat、sun）
cal-empty = 日历为空
cal-backwards = { $what ->
        [holiday] 节假日
        [rest] 休息日
       *[working] 调休上班日
    }区间 `{ $from } .. { $to }` 的结束早于开始
cal-both = { $day } 既是休息日又是调休上班日；放假通知只会把一天定为其中之一

## The language server
lsp-unknown-method = duechain 不处理 `{ $method }` 请求
lsp-not-a-name = `{ $name }` 不是合法的名称：请用字母、数字、汉字和 `_`
lsp-nothing-to-rename = 此处没有可以重命名的名称

## The words of the audit report and dashboard pages
page-title = 审计报告
page-matters = 事项
page-compliant = 合规
page-violating = 违规
page-invalid = 无法评判
page-open = 在办
page-findings = 问题
page-by_kind = 按问题类型
page-by_step = 按环节
page-by_article = 按条款
page-by_unit = 按单位
page-by_person = 按责任人
page-case = 事项编号
page-status = 结论
page-liable = 责任人
page-pending = 待办
page-filter = 筛选事项、环节、责任人…
page-all = 全部
page-kind = 类型
page-step = 环节
page-article = 依据
page-evidence = 事实与证据
page-liability = 责任
page-flowchart = 流程图（本事项的路径）
page-exempt = 免责
page-due = 期限
page-share = 合规率
page-none = 无
page-warnings = 提示
page-legend-0 = 已办
page-legend-1 = 违规
page-legend-2 = 待办
page-legend-3 = 未触发
page-legend-4 = 不适用
page-board = 电子监察 · 在办事项
page-alerts = 预警与超时
page-timeline = 办理过程
page-lights-0 = 红灯（超时）
page-lights-1 = 黄灯（临近期限）
page-lights-2 = 绿灯
page-left = 剩余工作日
page-unit = 单位

## The words of the rulebook document pages
doc-title = 规则文本
doc-contents = 目录
doc-procedure = 程序
doc-duties = 各步骤的职责
doc-limits = 办理时限
doc-roles = 责任主体
doc-accountability = 责任追究
doc-measures = 处理措施
doc-defaults = 默认规则
doc-step = 步骤
doc-limit = 时限
doc-article = 依据
doc-source = 依据：
doc-role = 岗位
doc-reports_to = 上级
doc-performs = 办理的步骤
doc-rule = 追责规则
doc-answers = 追究情形
doc-liable = 责任人员
doc-measure = 措施
doc-period = 期间
doc-months = 个月
doc-none = 不予处理
doc-calendar = 工作日按日历计算：
doc-flowchart = 权力运行流程图
doc-generated = 本文由 duechain 根据规则集生成

## A step's duties in words (flowcharts and the rulebook document)
w-sep = 、
w-sep-notes = ；
w-or = {" "}或{" "}
w-and = {" "}且{" "}
w-not = 非
w-duration = { $span ->
        [days] { $n }日
        [workdays] { $n }个工作日
        [months] { $n }个月
       *[years] { $n }年
    }
w-point = { $pick ->
        [last] 最后一次
        [each] 每次
       *[first] {""}
    }{ $title }{ $start ->
        [yes] 开始
       *[no] {""}
    }
w-times-of = 「{ $step }」次数
w-holders-of = 「{ $role }」人数
w-true = 是
w-false = 否
w-when-needed = 依需要办理
w-required = 必须办理
w-required-unless = 除{ $cond }外，必须办理
w-required-when = { $cond }时，必须办理
w-by-each = { $base }（每名「{ $role }」各自办理）
w-forbidden = 禁止
w-forbidden-when = （{ $cond }时）
w-forbidden-after = （{ $steps }之后）
w-fact-limit = 「{ $fact }」所定{ $per }数
w-limit-by = 时限：{ $from }之前完成
w-limit-within = 时限：{ $from }后{ $limit }内
w-not-counting = { $steps }期间不计
w-extension = 经「{ $by }」可延长{ $more }
w-applies = 适用于{ $cond }
w-notes = （{ $notes }）
w-only-after = 须先经{ $steps }
w-not-before = 不早于{ $from }后{ $gap }
w-at-least = 不少于
w-at-most = 不超过
w-lasts = 持续{ $bound }{ $time }
w-happens = 办理次数{ $bound }{ $count }次
w-deemed-findings = 「{ $step }」{ $kinds }
w-deemed = 视为：{ $when }时，视为于{ $at }时已办理
w-after = 在{ $steps }之后办理
w-kinds-or = 或
w-performed-by = 由{ $who }办理
w-sentence-end = 。
w-cite = {" "}<cite>依据：{ $cite }。</cite>
w-actor = 行为人
w-leader-of = { $who }的上级领导
w-except = （{ $who }除外）
w-default-consequence = 案件未载明后果的，按“{ $consequence }”认定
w-default-closed = { $closed ->
        [true] 案件未载明是否办结的，按已办结事项审查
       *[false] 案件未载明是否办结的，按在办事项审查
    }
w-default-warn = 待办事项在到期前{ $time }内黄色预警

## The flowchart's words
chart-at-least = 至少{ $min }
chart-clock-stopped = 【停止计时】办理期间不计入时限
chart-cite = 依据：{ $cite }
chart-title = { $procedures } 权力运行流程图 · { $book }
chart-source = 依据：{ $source }
chart-start = 开始
chart-end = 结束
chart-legend-0 = 图例
chart-legend-1 = 必经步骤
chart-legend-2 = 条件步骤（虚线框）
chart-legend-3 = 禁止事项
chart-legend-4 = 停止计时
chart-legend-5 = 先后顺序
chart-legend-6 = 时限
chart-no-role = （未指定办理主体）
chart-any-of = { $roles }（任一办理）
w-any-step = 任一步骤
w-kinds-at = { $kinds }：{ $steps }
